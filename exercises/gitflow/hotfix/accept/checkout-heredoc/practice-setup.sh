#!/bin/sh
# Builds the starting repository of the hotfix exercise in $1.
set -eu
r=$(( $(od -An -N2 -tu2 /dev/urandom) % 3600 ))  # a different history (same shape) every run
clock=$(printf %02d:%02d $((r / 60)) $((r % 60)))
dir=${1:?usage: setup.sh DIR}
export GIT_CONFIG_NOSYSTEM=1
n=0
when() { n=$((n + 1)); echo "2024-03-0${n}T10:${clock}Z"; }
commit() {  # commit with a fixed identity; the time of day varies from run to run, so commit ids do too
    d=$(when)
    GIT_AUTHOR_DATE="$d" GIT_COMMITTER_DATE="$d" \
        git -c user.name="Setup" -c user.email="setup@example.test" -c commit.gpgsign=false \
        commit -q -m "$1"
}
git init -q -b main "$dir"
cd "$dir"
printf '1.1.0\n' > VERSION
printf 'def total(prices):\n    return sum(prices[1:])\n' > cart.py
git add VERSION cart.py
commit "Release 1.1.0"
d=$(when)
GIT_COMMITTER_DATE="$d" git -c user.name="Setup" -c user.email="setup@example.test" -c tag.gpgsign=false \
    tag -a v1.1.0 -m "Release 1.1.0"
git switch -q -c develop
printf 'def recommend(user):\n    return []  # unfinished\n' > recommend.py
git add recommend.py
commit "Start recommendations (unreleased)"
printf 'def checkout(cart):\n    raise NotImplementedError\n' > checkout.py
git add checkout.py
commit "Start new checkout (unreleased)"
