#!/bin/sh
# Mistake: -X theirs resolves every conflicting hunk the feature's way,
# losing main's port and version.
set -e
git merge -q --no-edit -X theirs feature/timeout
