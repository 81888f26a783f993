#!/bin/sh
# Builds the starting repository of the release exercise in $1.
set -eu
dir=${1:?usage: setup.sh DIR}
export GIT_CONFIG_NOSYSTEM=1
n=0
when() { n=$((n + 1)); echo "2024-02-0${n}T10:00:00Z"; }
commit() {  # commit with a fixed identity and date, so every run builds the same history
    d=$(when)
    GIT_AUTHOR_DATE="$d" GIT_COMMITTER_DATE="$d" \
        git -c user.name="Setup" -c user.email="setup@example.test" -c commit.gpgsign=false \
        commit -q -m "$1"
}
git init -q -b main "$dir"
cd "$dir"
printf '# Shop\n' > README.md
printf '1.0.0\n' > VERSION
git add README.md VERSION
commit "Initial commit"
d=$(when)
GIT_COMMITTER_DATE="$d" git -c user.name="Setup" -c user.email="setup@example.test" -c tag.gpgsign=false \
    tag -a v1.0.0 -m "Release 1.0.0"
git switch -q -c develop
printf 'def search(q):\n    return []\n' > search.py
git add search.py
commit "Add search"
printf 'def export(rows):\n    return ""\n' > export.py
git add export.py
commit "Add export"
