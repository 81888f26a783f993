#!/bin/sh
# Builds the starting repository of the "rewrite-history" exercise.
# Usage: sh make-practice-repo.sh DIR      (DIR must not exist yet)
# The checks build a repository like this one and run your rewrite.sh inside
# it. The dates, the number of users and the log lines are random in every
# run, so the commit ids change too: refer to commits relative to HEAD or by
# their messages, never by an id or by text copied out of this script.
set -eu
dir=${1:?usage: sh make-practice-repo.sh DIR}
if [ -e "$dir" ]; then
    echo "$dir already exists; give a new directory" >&2
    exit 1
fi
rnd() {  # a random number from 0 to $1 - 1
    echo $(( $(od -An -N4 -tu4 /dev/urandom | tr -d ' ') % $1 ))
}
day=$(( $(rnd 20) + 1 ))
clock=$(printf '%02d:%02d:%02d' $(( $(rnd 10) + 8 )) $(rnd 60) $(rnd 60))
at() {  # at N: an ISO date N days after this run's first day, at this run's time of day
    printf '2024-04-%02dT%s+00:00' $((day + $1)) "$clock"
}
users=$(( ($(rnd 9) + 1) * 50 ))
page=$(( $(rnd 5) + 1 ))
mkdir -p "$dir"
cd "$dir"
git -c init.defaultBranch=main init -q

as() {  # as DATE MESSAGE: commit everything staged as Sam, at that date
    GIT_AUTHOR_NAME="Sam Rivera" GIT_AUTHOR_EMAIL=sam@example.com GIT_AUTHOR_DATE=$1 \
    GIT_COMMITTER_NAME="Sam Rivera" GIT_COMMITTER_EMAIL=sam@example.com GIT_COMMITTER_DATE=$1 \
        git -c commit.gpgsign=false commit -q -m "$2"
}

cat > README.md <<'END'
# Users service
END
git add README.md
as "$(at 0)" "Initial commit"

cat > models.py <<'END'
from dataclasses import dataclass


@dataclass
class User:
    id: int
    name: str
    email: str
END
git add models.py
as "$(at 1)" "asdf"

cat > api.py <<END
from models import User

USERS = [User(i, f"user{i}", f"user{i}@example.com") for i in range(1, $((users + 1)))]


def list_users(page, per_page=10):
    start = page * per_page
    return USERS[start:start + per_page]
END
git add api.py
as "$(at 2)" "Add user API"

cat > api.py <<END
from models import User

USERS = [User(i, f"user{i}", f"user{i}@example.com") for i in range(1, $((users + 1)))]


def list_users(page, per_page=10):
    """Pages are numbered from 1."""
    start = (page - 1) * per_page
    return USERS[start:start + per_page]
END
cat > debug.log <<END
DEBUG list_users page=$page -> users $((page * 10 + 1))..$((page * 10 + 10)) (wrong!)
DEBUG list_users page=$page -> users $((page * 10 - 9))..$((page * 10))
END
git add api.py debug.log
as "$(at 3)" "wip"
