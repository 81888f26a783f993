#!/bin/sh
# Merge feature/timeout into main and resolve the conflicts (see prompt.md).
# This runs inside the repository, on main.

git merge feature/timeout

# TODO: the merge stops with conflicts in settings.ini, VERSION and app.py.
# Resolve each file as the prompt says, stage it, and commit the merge.
