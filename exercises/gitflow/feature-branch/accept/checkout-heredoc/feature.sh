#!/bin/sh
# Gitflow feature branch, written with the classic porcelain (checkout -b,
# commit -a) and heredocs for the file contents.
set -eu

branch=feature/login

# 1. branch off develop explicitly (HEAD starts on main)
git checkout -q -b "$branch" develop

# 2. first commit
cat > login.py <<'PY'
def login(user, password):
    return check(user, password)
PY
git add -- login.py
git commit -q -m "Add login form"

# 3. second commit (append, then commit the tracked change)
cat >> login.py <<'PY'
def validate(user):
    return bool(user.strip())
PY
git commit -q -a -m "Validate login input"

# 4. merge back with a merge commit even though fast-forward is possible
git checkout -q develop
git merge -q --no-ff -m "Merge branch '$branch' into develop" "$branch"

# 5. the merged branch is no longer needed (-d refuses if it were unmerged)
git branch -q -d "$branch"
