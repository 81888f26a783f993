#!/bin/sh
# Clean up the history as described in prompt.md. This runs inside the repository.
# Alternative: no rebase at all. The three commits after "Initial commit" are
# rebuilt with plumbing (git commit-tree), each reusing its original tree and
# author (name, e-mail, raw date with time zone); main is then moved with
# update-ref. "Initial commit" is the untouched parent, so its id stays.
set -eu

base=$(git rev-parse --verify 'HEAD~3^{commit}')
model=$(git rev-parse --verify 'HEAD~2^{commit}')    # "asdf"
api=$(git rev-parse --verify 'HEAD~1^{commit}')      # "Add user API"
wip=$(git rev-parse --verify 'HEAD^{commit}')        # "wip"

# recommit COMMIT TREE PARENT MESSAGE: a new commit with COMMIT's author
recommit() {
    GIT_AUTHOR_NAME=$(git log -1 --format=%an "$1") \
    GIT_AUTHOR_EMAIL=$(git log -1 --format=%ae "$1") \
    GIT_AUTHOR_DATE=$(git log -1 --format=%ad --date=raw "$1") \
        git commit-tree "$2" -p "$3" -m "$4"
}

# the last tree without debug.log: untrack it in the index, keep the file on disk
git rm -q --cached -- debug.log
fixed_tree=$(git write-tree)

new_model=$(recommit "$model" "$model^{tree}" "$base" "Add user model")
new_api=$(recommit "$api" "$api^{tree}" "$new_model" "Add user API")
new_fix=$(recommit "$wip" "$fixed_tree" "$new_api" "Fix off-by-one in pagination")

git update-ref -m "rewrite: clean up local history" refs/heads/main "$new_fix" "$wip"
git symbolic-ref HEAD refs/heads/main

# the index already holds $fixed_tree; make sure nothing else differs
git diff --cached --quiet HEAD
