#!/bin/sh
# Merge feature/timeout into main and resolve the conflicts (see prompt.md).
# This runs inside the repository, on main.
# Alternative: let the recursive/ort strategy settle every conflicting hunk
# in favour of the feature (-X theirs) without committing, then put back
# main's VERSION from HEAD and write the combined settings.ini by hand.
set -e

git merge --no-ff --no-commit -X theirs feature/timeout

# app.py: the feature's version entirely (-X theirs only settles the
# conflicting hunks, so take the whole file from the branch to be sure)
git checkout feature/timeout -- app.py

# VERSION: main's release number, i.e. the pre-merge HEAD
git checkout HEAD -- VERSION

# settings.ini: port from main, timeout and retries from the feature
cat > settings.ini <<'END'
[service]
host = 0.0.0.0
port = 8000
timeout = 60
retries = 3
END
git add settings.ini

# the merge message Git prepared is "Merge branch 'feature/timeout'"
git commit --no-edit
