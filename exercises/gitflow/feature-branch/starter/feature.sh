#!/bin/sh
# Runs inside the repository built by practice-setup.sh (see prompt.md).
set -eu

# 1. create feature/login from develop
# 2. add login.py, commit "Add login form"
# 3. add the validation line, commit "Validate login input"
# 4. merge feature/login into develop with a merge commit
# 5. delete feature/login
echo "TODO: write the git commands" >&2
exit 1
