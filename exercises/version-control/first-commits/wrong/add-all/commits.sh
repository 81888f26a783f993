#!/bin/sh
# Mistake: 'git add -A' for the second commit also stages secrets.env.
set -e
git add README.md
git commit -q -m "Add README"
git add -A
git commit -q -m "Add application skeleton" -m "Serves the inventory API on port 8080." -m "Refs: #12"
git tag -a v0.1.0 -m "First release"
git branch develop
