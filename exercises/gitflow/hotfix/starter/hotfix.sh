#!/bin/sh
# Runs inside the repository built by practice-setup.sh (see prompt.md).
set -eu

# 1. create hotfix/1.1.1 from main
# 2. fix cart.py, commit "Fix total skipping the first price"
# 3. write 1.1.1 to VERSION, commit "Bump version to 1.1.1"
# 4. merge into main (--no-ff), annotated tag v1.1.1
# 5. merge into develop (--no-ff)
# 6. delete the hotfix branch
echo "TODO: write the git commands" >&2
exit 1
