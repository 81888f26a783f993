#!/bin/sh
# CHEAT (kept as a wrong solution so validate proves it fails): leaves an
# uncommitted change and a stray file, and hides both from git status.
set -eu

git switch -c feature/login develop

printf 'def login(user, password):\n    return check(user, password)\n' > login.py
git add login.py
git commit -m "Add login form"

printf 'def validate(user):\n    return bool(user.strip())\n' >> login.py
git commit -am "Validate login input"

git switch develop
git merge --no-ff feature/login -m "Merge branch 'feature/login' into develop"
git branch -d feature/login

echo "scratch notes" > notes.txt
git config status.showUntrackedFiles no
echo "DEBUG = True" > settings.py
git update-index --assume-unchanged settings.py
