# Where check-init cannot be exec'd (here: memfds made non-executable with
# vm.memfd_noexec=2, set in a pid namespace of our own so the host keeps its
# setting), the pid namespace's init is forked instead: --check-sandbox says
# so, and the golden fixture grades to exactly the expected report.
set -u
. "$LIB"
if [ "$(id -u)" != 0 ] || [ ! -e /proc/sys/vm/memfd_noexec ] || ! command -v unshare >/dev/null; then
	echo "skipped: needs root, unshare and vm.memfd_noexec (Linux 6.3+)"
	exit 0
fi
before=$(cat /proc/sys/vm/memfd_noexec)
cp -R "$ROOT/tests/fixtures/golden" g
chmod -R a+rX g
unshare --pid --fork --mount-proc sh -c '
	echo 2 >/proc/sys/vm/memfd_noexec || exit 90
	"$0" --check-sandbox >sandbox.txt 2>&1
	"$0" g/pack g/submission --report report.json --quiet
' "$RR"; st=$?
[ "$st" = 90 ] && { echo "skipped: cannot set vm.memfd_noexec here"; exit 0; }
expect_eq 1 "$st" "exit status with the forked init"
expect_grep "init: no memfd for the check's init" sandbox.txt
expect_grep "its init (a fork of the runner)" sandbox.txt
# Where it can (x86_64, executable memfds), the init is check-init.
if [ "$(uname -m)" = x86_64 ]; then
	"$RR" --check-sandbox >default.txt 2>&1
	expect_grep "its init (check-init, exec'd)" default.txt
fi
/usr/bin/python3 "$ROOT/tests/normalize-report.py" report.json >got.normalized
diff -u "$ROOT/tests/e2e/expected/golden-report.json" got.normalized ||
	die "with the forked init the normalised report differs from the golden one"
# And the host's setting is untouched.
expect_eq "$before" "$(cat /proc/sys/vm/memfd_noexec)" "the host's vm.memfd_noexec"
