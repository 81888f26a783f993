#!/bin/sh
# Gitflow release with git switch and small helper functions.
set -eu

VERSION=1.1.0
RELEASE="release/$VERSION"

merge_no_ff() {  # merge_no_ff SOURCE TARGET MESSAGE
    git switch --quiet "$2"
    git merge --quiet --no-ff --message "$3" "$1"
}

git switch --quiet --create "$RELEASE" develop
printf '%s\n' "$VERSION" > VERSION
git add VERSION
git commit --quiet --message "Bump version to $VERSION"

merge_no_ff "$RELEASE" main "Merge branch '$RELEASE'"
git tag --annotate "v$VERSION" --message "Release $VERSION" main

merge_no_ff "$RELEASE" develop "Merge branch '$RELEASE' into develop"
git branch --delete "$RELEASE"
test -z "$(git status --porcelain --ignored)"
