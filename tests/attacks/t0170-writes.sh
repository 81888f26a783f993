# Writes outside the work directory (DOMjudge, codex, isolate): the host's
# world-writable /tmp, /var/tmp, /dev/shm and a 0777 directory, system
# directories, the home directory, the learner's submission and the pack's
# tests. Nothing is written; the work directory itself and /dev/null stay
# writable; tests/ cannot be changed or replaced, even by a symlink.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

mkdir -m 0777 open
HOSTDIR=$PWD
new_pack
printf 'echo ORIGINAL\n' >fx/a/tests/check.sh
chmod 0777 sub/a
: >sub/a/learner.txt
chmod 0666 sub/a/learner.txt
home=${HOME:-/root}
# /tmp and /dev/shm may be writable inside, but must be the check's own
private="/tmp/escape-$MARK /dev/shm/escape-$MARK"
add_check private "[\"sh\", \"-c\", \"for f in $private; do echo ESCAPED >\$f; done; exit 0\"]"
targets="$HOSTDIR/open/escape-$MARK /var/tmp/escape-$MARK /escape-$MARK /etc/escape-$MARK /usr/escape-$MARK $home/escape-$MARK $HOSTDIR/sub/a/escape-$MARK $HOSTDIR/sub/a/learner.txt $HOSTDIR/fx/a/tests/check.sh"
run="[\"./attack\", \"write\""
for t in $targets; do run="$run, \"$t\""; done
add_check outside "$run]"
add_check tests-dir '["./attack", "write", "tests/new-file", "tests/check.sh"]'
add_check replace-tests '["sh", "-c", "chmod -R u+w tests; rm -rf tests; mv tests tests.old; ln -s /tmp tests; mkdir -p tests; echo echo HACKED >tests/check.sh; mount -t tmpfs none tests; sh tests/check.sh"]'
add_check workdir-ok '["sh", "-c", "echo ok >here.txt && mkdir d && echo ok >d/x && echo fine >/dev/null && cat here.txt d/x && echo ok >$TMPDIR/private && cat $TMPDIR/private"]'
run_pack

expect_check outside pass
expect_no_output outside ESCAPED
expect_check tests-dir pass
expect_output tests-dir "BLOCKED write tests/check.sh"
if has_namespace mount || [ "$(id -u)" = 0 ]; then
	expect_output replace-tests "ORIGINAL"
	expect_no_output replace-tests "HACKED"
else
	# Documented: without a mount namespace and without root, tests/ is
	# the check's own file and Landlock cannot take back part of the
	# writable work directory. The copy is private to this one check.
	echo "note: fallback without root: the check may change its own copy of tests/" >&2
fi
expect_check workdir-ok pass
for t in $private; do
	[ -e "$t" ] && { flunk "$t was created on the host"; rm -f "$t"; }
done
for t in $targets; do
	case $t in
	*learner.txt|*check.sh) grep -q ESCAPED "$t" 2>/dev/null && flunk "$t was written" ;;
	*) [ -e "$t" ] && { flunk "$t was created"; rm -f "$t"; } ;;
	esac
done
[ "$(cat fx/a/tests/check.sh)" = "echo ORIGINAL" ] || flunk "the pack's tests changed"
[ -z "$(ls sub/a | grep -v -e '^attack$' -e '^try-syscall$' -e '^learner.txt$' -e '^runner.pid$')" ] || flunk "the submission changed: $(ls sub/a)"
[ -e /tmp/private ] && [ "$(cat /tmp/private 2>/dev/null)" = ok ] && flunk "the check's /tmp is the host's /tmp"
expect_check private pass
exit 0
