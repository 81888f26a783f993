#!/bin/sh
# Builds the starting repository of the release exercise in $1.
set -eu
r=$(( $(od -An -N2 -tu2 /dev/urandom) % 3600 ))  # a different history (same shape) every run
clock=$(printf %02d:%02d $((r / 60)) $((r % 60)))
dir=${1:?usage: setup.sh DIR}
export GIT_CONFIG_NOSYSTEM=1
n=0
when() { n=$((n + 1)); echo "2024-02-0${n}T10:${clock}Z"; }
commit() {  # commit with a fixed identity; the time of day varies from run to run, so commit ids do too
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
