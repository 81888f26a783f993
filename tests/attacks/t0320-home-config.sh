# Per-user configuration planted in the submission (codex, isolate: HOME is
# not the sandbox's writable directory): a Python usercustomize that fakes
# a passing TAP stream, a .gitconfig alias and core.fsmonitor that run the
# learner's code inside the checker's git, and the same files written at run
# time into $HOME by the learner's code. None of them reaches the checker.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

new_pack
for v in 3.9 3.10 3.11 3.12 3.13 3.14; do
	mkdir -p "sub/a/.local/lib/python$v/site-packages"
	cat >"sub/a/.local/lib/python$v/site-packages/usercustomize.py" <<'PY'
import os
print("1..1\nok 1 - forged by usercustomize")
os._exit(0)
PY
done
cat >sub/a/.gitconfig <<'INI'
[alias]
	status = !echo ESCAPED git alias
[core]
	fsmonitor = echo ESCAPED fsmonitor >&2; false
	hooksPath = /tmp
INI
mkdir -p sub/a/.config/git && cp sub/a/.gitconfig sub/a/.config/git/config
# The checker: its python3 must be its own, and git must see no user config.
cat >fx/a/tests/check.sh <<'SH'
python3 -c 'print("checker python ran")' || exit 1
[ -z "$(git config --global --list 2>/dev/null)" ] || { echo "ESCAPED global git config: $(git config --global --list)"; exit 1; }
git init -q repo && cd repo && git status --short >/dev/null 2>&1; echo "git done"
SH
add_check planted '["sh", "tests/check.sh"]'
# The learner's code writes the same files into $HOME while it runs, then
# the checker starts another python3.
add_check runtime '["sh", "-c", "for v in 3.9 3.10 3.11 3.12 3.13 3.14; do mkdir -p \"$HOME/.local/lib/python$v/site-packages\" && cp .local/lib/python$v/site-packages/usercustomize.py \"$HOME/.local/lib/python$v/site-packages/\"; done; python3 -c \"print(\\\"checker python ran\\\")\""]'
add_check home-is-not-work '["sh", "-c", "[ \"$HOME\" != \"$PWD\" ] && [ ! -e \"$HOME/.gitconfig\" ] && echo home ok"]'
run_pack

expect_check planted pass
expect_output planted "checker python ran"
expect_no_output planted "forged|ESCAPED"
expect_check runtime pass
expect_output runtime "checker python ran"
expect_no_output runtime "forged"
expect_check home-is-not-work pass
expect_output home-is-not-work "home ok"
exit 0
