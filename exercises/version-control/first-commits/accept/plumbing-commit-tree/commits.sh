#!/bin/sh
# Make the commits described in prompt.md. This runs inside the repository.
# Alternative: Git plumbing. The index is filled with update-index, trees are
# written with write-tree, commits made with commit-tree and the branches
# set with update-ref; only the annotated tag uses a porcelain command.
set -e

# commit 1: README.md only
git update-index --add -- README.md
readme_tree=$(git write-tree)
first=$(git commit-tree "$readme_tree" -m "Add README")

# commit 2: adds app.py and config/settings.ini on top of it
git update-index --add -- app.py config/settings.ini
skeleton_tree=$(git write-tree)
second=$(git commit-tree "$skeleton_tree" -p "$first" \
    -m "Add application skeleton" \
    -m "Serves the inventory API on port 8080." \
    -m "Refs: #12")

# main (HEAD already points at it, still unborn) and develop
git update-ref refs/heads/main "$second"
git update-ref refs/heads/develop "$second"

# annotated release tag on the second commit
git tag -a v0.1.0 -m "First release" "$second"

# HEAD is still the symbolic ref to main
test "$(git symbolic-ref HEAD)" = refs/heads/main
