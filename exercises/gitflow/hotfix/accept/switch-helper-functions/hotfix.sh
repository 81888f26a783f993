#!/bin/sh
# Gitflow hotfix with git switch and small helper functions.
set -eu

VERSION=1.1.1
HOTFIX="hotfix/$VERSION"

write_and_commit() {  # write_and_commit FILE MESSAGE  (content on stdin)
    cat > "$1"
    git add -- "$1"
    git commit --quiet --message "$2"
}

merge_no_ff() {  # merge_no_ff SOURCE TARGET MESSAGE
    git switch --quiet "$2"
    git merge --quiet --no-ff --message "$3" "$1"
}

git switch --quiet --create "$HOTFIX" main

printf 'def total(prices):\n    return sum(prices)\n' | write_and_commit cart.py "Fix total skipping the first price"
printf '%s\n' "$VERSION" | write_and_commit VERSION "Bump version to $VERSION"

merge_no_ff "$HOTFIX" main "Merge branch '$HOTFIX'"
git tag --annotate "v$VERSION" --message "Release $VERSION"

merge_no_ff "$HOTFIX" develop "Merge branch '$HOTFIX' into develop"
git branch --delete "$HOTFIX"
test -z "$(git status --porcelain --ignored)"
