#!/bin/sh
# Clean up the history as described in prompt.md. This runs inside the repository.
# Alternative: one interactive rebase whose todo list gets "exec" lines
# appended after "asdf" and after "wip"; each exec amends the commit just
# picked (git commit --amend keeps the original author and author date).
set -e

editor=$(mktemp "${TMPDIR:-/tmp}/todo-editor.XXXXXX")
trap 'rm -f "$editor"' EXIT

cat > "$editor" <<'END'
#!/bin/sh
# $1 is the rebase todo file; add an exec line after the two bad commits
todo=$1
awk '
    { print }
    /^pick [0-9a-f]+ asdf$/ { print "exec git commit --amend --only --quiet --message \"Add user model\"" }
    /^pick [0-9a-f]+ wip$/  { print "exec git rm --cached --quiet -- debug.log && git commit --amend --quiet --message \"Fix off-by-one in pagination\"" }
' "$todo" > "$todo.new"
mv "$todo.new" "$todo"
END
chmod +x "$editor"

GIT_SEQUENCE_EDITOR="$editor" git rebase -i HEAD~3

git symbolic-ref -q HEAD >/dev/null   # on a branch again: no rebase in progress
