#!/bin/sh
# CHEAT (kept as a wrong solution so validate proves it fails): rewrites
# nothing. It resets to the first commit and commits the files again from
# text copied out of make-practice-repo.sh, with the author and dates the
# practice repository used to have in every run.
set -eu
cp debug.log /tmp/debug.log.$$
git reset -q --hard HEAD~3
as() {
    GIT_AUTHOR_NAME="Sam Rivera" GIT_AUTHOR_EMAIL=sam@example.com GIT_AUTHOR_DATE=$1 \
        git commit -q -m "$2"
}
cat > models.py <<'END'
from dataclasses import dataclass


@dataclass
class User:
    id: int
    name: str
    email: str
END
git add models.py
as "2024-04-02T09:00:00+00:00" "Add user model"
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
git add api.py
as "2024-04-04T09:00:00+00:00" "Fix off-by-one in pagination"
mv /tmp/debug.log.$$ debug.log
