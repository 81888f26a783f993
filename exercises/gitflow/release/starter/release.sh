#!/bin/sh
# Runs inside the repository built by practice-setup.sh (see prompt.md).
set -eu

# 1. create release/1.1.0 from develop
# 2. write 1.1.0 to VERSION, commit "Bump version to 1.1.0"
# 3. merge the release into main (--no-ff) and tag it v1.1.0 (annotated)
# 4. merge the release back into develop (--no-ff)
# 5. delete the release branch
echo "TODO: write the git commands" >&2
exit 1
