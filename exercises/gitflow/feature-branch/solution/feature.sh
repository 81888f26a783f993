#!/bin/sh
# A feature branch, git-flow style: branch off develop, merge back with --no-ff.
set -eu

git switch -c feature/login develop

printf 'def login(user, password):\n    return check(user, password)\n' > login.py
git add login.py
git commit -m "Add login form"

printf 'def validate(user):\n    return bool(user.strip())\n' >> login.py
git commit -am "Validate login input"

git switch develop
git merge --no-ff feature/login -m "Merge branch 'feature/login' into develop"
git branch -d feature/login
