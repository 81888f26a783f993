#!/bin/sh
# Mistake: resets and commits the files again. The contents and messages are
# right, but the commits now claim to be yours, written today.
set -e
old=$(git rev-parse HEAD)
git reset --quiet HEAD~3
git add models.py
git commit -q -m "Add user model"
git show "$old~1:api.py" > api.py
git add api.py
git commit -q -m "Add user API"
git show "$old:api.py" > api.py
git add api.py
git commit -q -m "Fix off-by-one in pagination"
