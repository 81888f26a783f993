#!/bin/sh
# Mistake: the body and the trailer of the second message are missing.
set -e
git add README.md
git commit -q -m "Add README"
git add app.py config/settings.ini
git commit -q -m "Add application skeleton"
git tag -a v0.1.0 -m "First release"
git branch develop
