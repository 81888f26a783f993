# tests/attacks/attack-lib.sh - building blocks of the hostile-submission
# suite (sourced by tests/attacks/t*.sh after $LIB).
#
# Each attack is a check of a one-exercise fixture pack "fx" whose
# submission "sub/a" holds the attack programs (build/tests/helpers). A
# script adds checks, runs the real CLI once, then asserts each check's
# status, message, denial and output, and the effects outside the check.
#
#   new_pack                      start a pack (defaults: timeout 1, 256 MiB)
#   set_defaults JSON             replace the pack's "defaults"
#   add_check ID RUN_JSON [EXTRA] add a check; EXTRA is more JSON members
#                                 (with RR_ATTACKS_SERVICE=1, RUN_JSON runs
#                                 under tests/with_service.py: a Redis beside it)
#   run_pack                      write pack.json, run "$RR fx sub --report out.json"
#                                 (sub/a/runner.pid holds the runner's pid; the
#                                 runner's environment holds RR_ATTACK_SECRET)
#   field ID KEY                  print a field of check ID from the report
#   expect_check ID STATUS        the check's status
#   expect_message ID REGEX       its message matches (grep -E)
#   expect_denial ID REGEX        its denial matches
#   expect_output ID REGEX        its captured output matches
#   expect_no_output ID REGEX     ... does not match
#   expect_no_survivor MARKER     no process has MARKER in its command line
#   layer NAME                    print a field of the report's "sandbox" object
#   has_namespace NAME, has_cgroup  which layers the checks had
#   flunk MESSAGE                 record a failed assertion and go on
set -u

# Assertions record a failure and go on, so one run shows every hole; the
# script fails at exit when any assertion failed.
FLUNKED=0
flunk() { echo "not ok: $*" >&2; FLUNKED=$((FLUNKED + 1)); }

MARK="rr-attack-$$-$(date +%s)"
RR_STATUS=

new_pack() {
	rm -rf fx sub out.json
	mkdir -p fx/a/starter fx/a/tests sub/a
	echo "An attack." >fx/a/prompt.md
	cp "$HELPERS/attack" "$HELPERS/try-syscall" sub/a/
	# t9996: a Redis runs beside every check's command (with_service.py)
	[ "${RR_ATTACKS_SERVICE:-}" = 1 ] &&
		cp "$ROOT/checklib/services.py" "$ROOT/tests/attacks/with_service.py" fx/a/tests/
	CHECKS=
	DEFAULTS='{ "timeout": 1, "memory_mb": 256, "processes": 64, "output_kb": 64 }'
}

set_defaults() { DEFAULTS=$1; }

add_check() {
	run=$2
	[ "${RR_ATTACKS_SERVICE:-}" = 1 ] && run="[\"python3\", \"tests/with_service.py\", ${run#\[}"
	CHECKS="$CHECKS${CHECKS:+,
}    { \"id\": \"$1\", \"run\": $run, \"points\": 1${3:+, $3} }"
}

run_pack() {
	cat >fx/pack.json <<EOF
{ "format": 1, "id": "attacks", "title": "Attacks", "stage": 0, "version": "1.0.0",
  "defaults": $DEFAULTS,
  "exercises": [ { "id": "a", "title": "Attack", "prompt": "a/prompt.md",
    "starter": "a/starter", "tests": "a/tests",
    "checks": [
$CHECKS
    ] } ] }
EOF
	chmod -R a+rX fx sub
	# exec keeps the pid, so sub/a/runner.pid names the runner itself
	RR_ATTACK_SECRET="runner-env-$MARK" sh -c 'echo $$ >sub/a/runner.pid; exec "$@"' sh \
		"$RR" fx sub --report out.json --quiet ${RR_RUN_ARGS:-} >rr.out 2>rr.err
	RR_STATUS=$?
	[ -s out.json ] || { cat rr.err >&2; die "no report (exit $RR_STATUS)"; }
	case $RR_STATUS in 0|1) ;; *) cat rr.err >&2; die "roadmap-run exited $RR_STATUS";; esac
}

field() {
	json_get out.json "[c for c in r['exercises'][0]['checks'] if c['id']=='$1'][0]['$2']"
}

layer() {
	json_get out.json "r.get('sandbox', {}).get('$1')"
}

# has_namespace NAME: the checks ran in a NAME namespace
has_namespace() {
	json_get out.json "r['sandbox']['namespaces']" | grep -q "\"$1\""
}

# has_cgroup: limits applied to the whole check through a cgroup
has_cgroup() {
	case $(layer cgroup) in ''|None|null|false|False) return 1 ;; esac
}

show_check() {
	echo "--- check $1:" >&2
	json_get out.json "[c for c in r['exercises'][0]['checks'] if c['id']=='$1'][0]" >&2
}

expect_check() {
	got=$(field "$1" status)
	[ "$got" = "$2" ] || { show_check "$1"; flunk "check $1: expected status '$2', got '$got'"; }
}

expect_message() {
	field "$1" message | grep -E -- "$2" >/dev/null || { show_check "$1"; flunk "check $1: message does not match /$2/"; }
}

expect_denial() {
	field "$1" denial | grep -E -- "$2" >/dev/null || { show_check "$1"; flunk "check $1: denial does not match /$2/"; }
}

expect_output() {
	field "$1" output | grep -E -- "$2" >/dev/null || { show_check "$1"; flunk "check $1: output does not match /$2/"; }
}

expect_no_output() {
	if field "$1" output | grep -E -- "$2" >/dev/null; then show_check "$1"; flunk "check $1: output matches /$2/"; fi
}

# pids whose command line holds $1 (pgrep never lists itself)
survivors() { pgrep -f -- "$1" 2>/dev/null | tr '\n' ' '; }

expect_no_survivor() {
	left=$(survivors "$1")
	if [ -n "$left" ]; then
		for p in $left; do ps -o pid,ppid,uid,stat,args -p "$p" >&2; done
		for p in $left; do kill -9 "$p" 2>/dev/null; done
		flunk "processes outlived their check ($1): $left"
	fi
}

# Kill anything this script left running (listeners, sleepers, survivors).
BG_PIDS=
cleanup_attack() {
	for p in $BG_PIDS; do kill -9 "$p" 2>/dev/null; done
	for p in $(survivors "$MARK"); do kill -9 "$p" 2>/dev/null; done
	[ -n "${SECRET_FILE:-}" ] && rm -f "$SECRET_FILE"
	[ "$FLUNKED" -eq 0 ] || { echo "$FLUNKED assertion(s) failed" >&2; exit 1; }
}
trap cleanup_attack EXIT

# The uid a check runs as: 65534 when the suite runs as root, else ours.
check_uid() { if [ "$(id -u)" = 0 ]; then echo 65534; else id -u; fi; }

# Run a command as the check's uid (to plant same-uid victims).
as_check_uid() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	else
		"$@"
	fi
}

# start_listener KIND ADDR NAME: a host victim (listener.py); waits until it
# listens and sets LISTEN_PORT; NAME.heard collects what reached it.
start_listener() {
	rm -f "$3.ready" "$3.heard"
	/usr/bin/python3 "$ROOT/tests/attacks/listener.py" "$1" "$2" "$PWD/$3.ready" "$PWD/$3.heard" &
	BG_PIDS="$BG_PIDS $!"
	i=0
	while [ ! -s "$3.ready" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	[ -s "$3.ready" ] || die "listener $1 did not start"
	LISTEN_PORT=$(cat "$3.ready")
}

# expect_unheard NAME: nothing reached the listener NAME
expect_unheard() {
	if [ -s "$1.heard" ]; then
		cat "$1.heard" >&2
		flunk "the host listener '$1' was reached"
	fi
}

# expect_heard NAME: the listener NAME was reached (proves the probe works)
expect_heard() {
	[ -s "$1.heard" ] || flunk "the host listener '$1' heard nothing, so the probe proves nothing"
}
