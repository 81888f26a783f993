#!/bin/sh
# Gitflow feature branch with git switch and small helper functions.
set -eu

FEATURE=feature/login
BASE=develop

# commit_all MESSAGE: stage everything (new files included) and commit
commit_all() {
    git add --all
    git commit --quiet --message "$1"
}

# finish_feature BRANCH INTO: merge with a merge commit, then delete the branch
finish_feature() {
    git switch --quiet "$2"
    git merge --quiet --no-ff --message "Merge branch '$1' into $2" "$1"
    git branch --delete "$1"
}

git switch --quiet --create "$FEATURE" "$BASE"

printf '%s\n' 'def login(user, password):' '    return check(user, password)' > login.py
commit_all "Add login form"

printf '%s\n' 'def validate(user):' '    return bool(user.strip())' >> login.py
commit_all "Validate login input"

finish_feature "$FEATURE" "$BASE"
test -z "$(git status --porcelain --ignored)"
