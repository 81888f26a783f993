#!/bin/sh
# Mistake: "fixes" the history with new commits instead of rewriting it;
# debug.log stays in the wip commit, and "asdf" is never reworded.
set -e
git rm --cached --quiet debug.log
git commit -q -m "Remove debug.log"
git commit -q --allow-empty -m "Fix off-by-one in pagination"
