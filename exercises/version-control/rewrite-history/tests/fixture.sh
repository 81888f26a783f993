#!/bin/sh
# Builds the starting repository of the "rewrite-history" exercise.
# Usage: sh make-practice-repo.sh DIR      (DIR must not exist yet)
# The checks build exactly this repository (same commit ids) and run your
# rewrite.sh inside it.
set -eu
dir=${1:?usage: sh make-practice-repo.sh DIR}
if [ -e "$dir" ]; then
    echo "$dir already exists; give a new directory" >&2
    exit 1
fi
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
as "2024-04-01T09:00:00+00:00" "Initial commit"

cat > models.py <<'END'
from dataclasses import dataclass


@dataclass
class User:
    id: int
    name: str
    email: str
END
git add models.py
as "2024-04-02T09:00:00+00:00" "asdf"

cat > api.py <<'END'
from models import User

USERS = [User(i, f"user{i}", f"user{i}@example.com") for i in range(1, 101)]


def list_users(page, per_page=10):
    start = page * per_page
    return USERS[start:start + per_page]
END
git add api.py
as "2024-04-03T09:00:00+00:00" "Add user API"

cat > api.py <<'END'
from models import User

USERS = [User(i, f"user{i}", f"user{i}@example.com") for i in range(1, 101)]


def list_users(page, per_page=10):
    """Pages are numbered from 1."""
    start = (page - 1) * per_page
    return USERS[start:start + per_page]
END
cat > debug.log <<'END'
DEBUG list_users page=1 -> users 11..20 (wrong!)
DEBUG list_users page=1 -> users 1..10
END
git add api.py debug.log
as "2024-04-04T09:00:00+00:00" "wip"
