#!/bin/sh
# Builds the starting repository of the feature-branch exercise in $1.
set -eu
r=$(( $(od -An -N2 -tu2 /dev/urandom) % 3600 ))  # a different history (same shape) every run
clock=$(printf %02d:%02d $((r / 60)) $((r % 60)))
dir=${1:?usage: setup.sh DIR}
export GIT_CONFIG_NOSYSTEM=1
n=0
commit() {  # commit with a fixed identity; the time of day varies from run to run, so commit ids do too
    n=$((n + 1))
    GIT_AUTHOR_DATE="2024-01-0${n}T10:${clock}Z" GIT_COMMITTER_DATE="2024-01-0${n}T10:${clock}Z" \
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
