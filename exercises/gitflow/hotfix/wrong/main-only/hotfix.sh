#!/bin/sh
# A Gitflow hotfix: branch off the released code on main, fix, release,
# and carry the fix into develop as well.
set -eu

git switch -c hotfix/1.1.1 main

printf 'def total(prices):\n    return sum(prices)\n' > cart.py
git commit -am "Fix total skipping the first price"
printf '1.1.1\n' > VERSION
git commit -am "Bump version to 1.1.1"

git switch main
git merge --no-ff hotfix/1.1.1 -m "Merge branch 'hotfix/1.1.1'"
git tag -a v1.1.1 -m "Release 1.1.1"

git branch -D hotfix/1.1.1
