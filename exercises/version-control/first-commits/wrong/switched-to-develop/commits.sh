#!/bin/sh
# Mistake: 'git checkout -b develop' creates the branch but also switches to it.
set -e
git add README.md
git commit -q -m "Add README"
git add app.py config/settings.ini
git commit -q -m "Add application skeleton" -m "Serves the inventory API on port 8080." -m "Refs: #12"
git tag -a v0.1.0 -m "First release"
git checkout -q -b develop
