#!/bin/sh
# Mistake: --squash makes an ordinary commit; the history loses the merge.
git merge --squash feature/timeout
set -e
git checkout --theirs -- app.py
git checkout --ours -- VERSION
printf '[service]\nhost = 0.0.0.0\nport = 8000\ntimeout = 60\nretries = 3\n' > settings.ini
git add app.py VERSION settings.ini
git commit -q -m "Merge branch 'feature/timeout'"
