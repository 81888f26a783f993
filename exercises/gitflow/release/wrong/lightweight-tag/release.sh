#!/bin/sh
# A Gitflow release: freeze develop on a release branch, ship it to main with
# an annotated tag, and bring the release's changes back to develop.
set -eu

git switch -c release/1.1.0 develop
printf '1.1.0\n' > VERSION
git commit -am "Bump version to 1.1.0"

git switch main
git merge --no-ff release/1.1.0 -m "Merge branch 'release/1.1.0'"
git tag v1.1.0

git switch develop
git merge --no-ff release/1.1.0 -m "Merge branch 'release/1.1.0' into develop"
git branch -d release/1.1.0
