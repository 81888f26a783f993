#!/bin/sh
# Builds the starting repository of the feature-branch exercise in $1.
set -eu
dir=${1:?usage: setup.sh DIR}
export GIT_CONFIG_NOSYSTEM=1
n=0
commit() {  # commit with a fixed identity and date, so every run builds the same history
    n=$((n + 1))
    GIT_AUTHOR_DATE="2024-01-0${n}T10:00:00Z" GIT_COMMITTER_DATE="2024-01-0${n}T10:00:00Z" \
        git -c user.name="Setup" -c user.email="setup@example.test" -c commit.gpgsign=false \
        commit -q -m "$1"
}
git init -q -b main "$dir"
cd "$dir"
printf '# Shop\n\nA tiny shop.\n' > README.md
printf 'def main():\n    print("shop")\n' > app.py
git add README.md app.py
commit "Initial commit"
git branch develop
git switch -q develop
printf 'DEBUG = False\n' > settings.py
git add settings.py
commit "Add settings module"
git switch -q main
