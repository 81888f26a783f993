#!/bin/sh
# Merge feature/timeout into main and resolve the conflicts (see prompt.md).
# This runs inside the repository, on main.
# Alternative: the sides are read from the index stages of the conflict
# (:2: is ours, :3: is theirs), settings.ini is written with printf, and
# the list of conflicted files is checked before anything is resolved.
set -eu

git merge --no-ff feature/timeout >/dev/null 2>&1 || true

conflicts=$(git diff --name-only --diff-filter=U | sort | tr '\n' ' ')
if [ "$conflicts" != "VERSION app.py settings.ini " ]; then
    echo "unexpected conflicts: $conflicts" >&2
    git merge --abort
    exit 1
fi

# VERSION: main's release number (stage 2 = ours)
git show :2:VERSION > VERSION
# app.py: the feature's version entirely (stage 3 = theirs)
git show :3:app.py > app.py
# settings.ini: port from main, timeout and retries from the feature
printf '%s\n' '[service]' 'host = 0.0.0.0' 'port = 8000' 'timeout = 60' 'retries = 3' > settings.ini

git add -- VERSION app.py settings.ini
git commit -q --no-edit

git status --porcelain --ignored | grep -q . && { echo "tree not clean" >&2; exit 1; }
exit 0
