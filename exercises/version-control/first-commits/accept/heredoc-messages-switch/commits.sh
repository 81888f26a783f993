#!/bin/sh
# Make the commits described in prompt.md. This runs inside the repository.
# Alternative: messages fed on stdin with here-documents (-F -), explicit
# pathspecs after "--", and the develop branch created with switch -c.
set -e

# 1. README only
git add -- README.md
git commit -q -F - <<'MSG'
Add README
MSG

# 2. the application skeleton (secrets.env is never staged)
git add -- app.py config/settings.ini
git commit -q -F - <<'MSG'
Add application skeleton

Serves the inventory API on port 8080.

Refs: #12
MSG

# 3. annotated release tag on that commit
git tag -a v0.1.0 -F - <<'MSG'
First release
MSG

# 4. develop starts here; main stays checked out
git switch -q -c develop
git switch -q main

# sanity check: only secrets.env may be left over
test "$(git status --porcelain)" = "?? secrets.env"
