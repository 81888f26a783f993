#!/bin/sh
# Mistake: stages everything as it is and commits, conflict markers included.
git merge feature/timeout
set -e
git add -A
git commit -q --no-edit
