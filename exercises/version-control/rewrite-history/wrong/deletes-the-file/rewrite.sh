#!/bin/sh
# Mistake: 'git rm' without --cached also deletes debug.log from the disk.
set -e
git rm --quiet debug.log
git commit --quiet --amend -m "Fix off-by-one in pagination"
printf 'Add user model\n' > /tmp/msg.$$
GIT_SEQUENCE_EDITOR="sed -i -e 's/^pick \([0-9a-f]*\) asdf\$/reword \1 asdf/'" \
GIT_EDITOR="cp /tmp/msg.$$" git rebase --quiet -i HEAD~3
