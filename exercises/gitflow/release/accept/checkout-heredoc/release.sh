#!/bin/sh
# Gitflow release, written with the classic porcelain (checkout -b,
# commit -a) and variables for the version and branch names.
set -eu

version=1.1.0
branch="release/$version"
tag="v$version"

# 1. freeze develop on a release branch
git checkout -q -b "$branch" develop

# 2. the version bump is the only change on the release branch
echo "$version" > VERSION
git commit -q -a -m "Bump version to $version"

# 3. release to main with a merge commit
git checkout -q main
git merge -q --no-ff -m "Merge branch '$branch'" "$branch"

# 4. annotated tag on that merge commit (HEAD of main)
git tag -a "$tag" -m "Release $version" HEAD

# 5. bring the bump back to develop
git checkout -q develop
git merge -q --no-ff -m "Merge branch '$branch' into develop" "$branch"

# 6. clean up
git branch -q -d "$branch"
