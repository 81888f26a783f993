#!/bin/sh
# Mistake: a lightweight tag (no -a): no message, tagger or date is stored.
set -e
git add README.md
git commit -q -m "Add README"
git add app.py config/settings.ini
git commit -q -m "Add application skeleton" -m "Serves the inventory API on port 8080." -m "Refs: #12"
git tag v0.1.0
git branch develop
