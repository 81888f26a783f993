# The grader's own paths (issue 10): a check reads everything that could
# name the machine it runs on: /proc/self/mountinfo (a bind mount shows
# its source's path inside its filesystem), /proc/self/mounts, the init's
# mountinfo, cgroup, environ and cmdline, its parent's, its cwd, and its
# own environment. The runner runs with a TMPDIR and a HOME of its own
# whose names are unique, from a working directory that holds the pack and
# the submission. With a mount namespace none of these, nor the runner's
# pid, nor the repository's path, may reach the check. In the fallback
# without namespaces the check is the runner's child in a work directory
# below TMPDIR, which docs/sandbox.md lists as not hidden; the grader's
# HOME must still not show.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

G_TMP="$PWD/grader-tmp-$MARK"
G_HOME="$PWD/grader-home-$MARK"
mkdir -p "$G_TMP" "$G_HOME"
chmod 0755 "$G_TMP" "$G_HOME"

new_pack
cat >sub/a/peek.sh <<'SH'
for f in /proc/self/mountinfo /proc/self/mounts /proc/1/mountinfo /proc/self/cgroup \
	 /proc/1/cgroup /proc/self/environ /proc/1/environ /proc/self/cmdline /proc/1/cmdline \
	 /proc/$PPID/cmdline /proc/$PPID/environ /proc/$PPID/cgroup /proc/self/mountstats \
	 /proc/self/maps /proc/1/maps; do
	echo "== $f"
	tr '\0' '\n' <"$f" 2>&1
done
for l in /proc/self/cwd /proc/self/root /proc/self/exe /proc/1/cwd /proc/1/root /proc/1/exe \
	 /proc/$PPID/cwd /proc/self/fd/0 /proc/self/fd/1 /proc/self/fd/2; do
	echo "== $l -> $(readlink "$l" 2>&1)"
done
echo "== pwd $(pwd) ppid $PPID"
echo "== env"; env
echo "== ls /"; ls -la / 2>&1
echo "== ls /.host"; ls -la /.host /.host/w 2>&1
echo "== end"
SH
add_check peek '["sh", "peek.sh"]'
# The runner opens a check's stdin file: the descriptor's link names it.
echo input >fx/a/tests/in.txt
add_check stdin '["sh", "-c", "echo == stdin; readlink /proc/self/fd/0; cat"]' '"stdin": "tests/in.txt"'
set_defaults '{ "timeout": 5, "memory_mb": 256, "processes": 64, "output_kb": 1024 }'
cat >fx/pack.json <<JSON
{ "format": 1, "id": "attacks", "title": "Attacks", "stage": 0, "version": "1.0.0",
  "defaults": $DEFAULTS,
  "exercises": [ { "id": "a", "title": "Attack", "prompt": "a/prompt.md",
    "starter": "a/starter", "tests": "a/tests", "checks": [ $CHECKS ] } ] }
JSON
chmod -R a+rX fx sub
HOME="$G_HOME" TMPDIR="$G_TMP" sh -c 'echo $$ >runner.pid; exec "$@"' sh \
	"$RR" fx sub --report out.json --quiet >rr.out 2>rr.err
[ -s out.json ] || { cat rr.err >&2; die "no report"; }
pid=$(cat runner.pid)
expect_check peek pass
field peek output >peek.txt
expect_check stdin pass
expect_output stdin '^input$'
field stdin output >>peek.txt
grep -q '^== end' peek.txt || { cat peek.txt >&2; die "the check did not finish its reading"; }
grep -q '^== /proc/self/mountinfo' peek.txt || die "no mountinfo read"

# leaked WHAT STRING: the check's output holds STRING (fixed, not a regex)
leaked() {
	if grep -F -- "$2" peek.txt >/dev/null; then
		grep -n -F -- "$2" peek.txt | head -n 5 >&2
		flunk "the check saw $1 ($2)"
	fi
}
leaked "the grader's HOME" "$G_HOME"
leaked "the runner's environment" "runner-env-$MARK"
if has_namespace mount; then
	grep -q ' /work ' peek.txt || { cat peek.txt >&2; die "mountinfo shows no /work"; }
	leaked "the grader's TMPDIR" "$G_TMP"
	leaked "the grader's TMPDIR (its last name)" "grader-tmp-$MARK"
	leaked "the grader's working directory" "$PWD"
	leaked "the repository" "$ROOT"
	leaked "the runner's binary" "$RR"
	leaked "a sandbox directory named after the runner" "roadmap-run-root"
	# The pid as a whole number (not a part of a longer one).
	if grep -E "(^|[^0-9])$pid([^0-9]|\$)" peek.txt >/dev/null; then
		grep -n -E "(^|[^0-9])$pid([^0-9]|\$)" peek.txt | head -n 5 >&2
		flunk "the check saw the runner's pid $pid"
	fi
	# cgroup paths are the check's own root.
	sed -n '/^== \/proc\/self\/cgroup/,/^==/p' peek.txt | grep -v '^==' | grep -v ':/$' |
		grep . >&2 && flunk "/proc/self/cgroup shows a path beyond its own root"
else
	echo "fallback: the work directory below TMPDIR and the runner (its parent) are visible, as documented"
fi
exit 0
