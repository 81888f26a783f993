#!/bin/sh
# Gitflow hotfix, written with the classic porcelain (checkout -b,
# commit -a), heredocs and variables.
set -eu

version=1.1.1
branch="hotfix/$version"

# 1. branch off the released code, not off develop (where HEAD is)
git checkout -q -b "$branch" main

# 2. the fix, and nothing else
cat > cart.py <<'PY'
def total(prices):
    return sum(prices)
PY
git commit -q -a -m "Fix total skipping the first price"

# 3. version bump
printf '%s\n' "$version" > VERSION
git commit -q -a -m "Bump version to $version"

# 4. release it from main with a merge commit and an annotated tag
git checkout -q main
git merge -q --no-ff -m "Merge branch '$branch'" "$branch"
git tag -a "v$version" -m "Release $version"

# 5. keep develop from re-introducing the bug
git checkout -q develop
git merge -q --no-ff -m "Merge branch '$branch' into develop" "$branch"

# 6. clean up
git branch -q -d "$branch"
