#!/bin/sh
# Merge feature/timeout into main, resolving each conflict deliberately.
set -eu

# The merge is expected to stop on conflicts (exit status 1).
if git merge --no-ff feature/timeout; then
    echo "expected conflicts, but the merge went through" >&2
    exit 1
fi
# Exactly these files must be unmerged (sorted by git).
test "$(git diff --name-only --diff-filter=U)" = "$(printf 'VERSION\napp.py\nsettings.ini')"

# app.py: the feature branch's version ("theirs" while merging into main).
git checkout --theirs -- app.py

# VERSION: keep main's ("ours").
git checkout --ours -- VERSION

# settings.ini: a hand-made combination of both sides.
cat > settings.ini <<'END'
[service]
host = 0.0.0.0
port = 8000
timeout = 60
retries = 3
END

# Staging a file marks its conflict as resolved.
git add app.py VERSION settings.ini

# Nothing may still look like a conflict.
if git grep -n -E '^(<<<<<<<|=======|>>>>>>>)' -- . ; then
    echo "conflict markers left" >&2
    exit 1
fi

# Commit the merge with Git's prepared message "Merge branch 'feature/timeout'".
git commit --quiet --no-edit
