#!/bin/sh
# Two focused commits, an annotated release tag and a development branch.
set -eu

# 1. Stage only the README: naming paths keeps secrets.env out.
git add README.md
git commit --quiet -m "Add README"

# 2. The application files, with a subject, a body and a trailer.
git add app.py config/settings.ini
git commit --quiet -m "Add application skeleton" \
    -m "Serves the inventory API on port 8080." \
    -m "Refs: #12"

# 3. An annotated tag stores a message, the tagger and a date.
git tag -a v0.1.0 -m "First release"

# 4. Create develop at the current commit without switching to it.
git branch develop
