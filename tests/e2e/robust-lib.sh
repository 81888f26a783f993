# robust-lib.sh - helpers for the bad-input suite t60xx (sourced after
# $LIB). Every run of the program is checked the same way:
#   - the exit status is the documented one (2 usage, 3 invalid pack or
#     submission, 4 runner failure), never >= 128 (a crash) and never a
#     hang (each run is killed after $RR_TIMEOUT seconds, default 60);
#   - stderr names the problem (an extended regular expression);
#   - no sanitizer report on stderr (for SANITIZE builds);
#   - nothing is left in the private TMPDIR, nothing appears in the private
#     HOME, and nothing appears in the scratch directory beside the files
#     the test made (compared before and after).
# A private TMPDIR and HOME make this exact even though other processes
# share /tmp. The fixture pack is in ./fx (one exercise "add", one check).
. "$ROOT/tests/e2e/pack-fixture.sh"
SCRATCH=$PWD
mkdir -p "$SCRATCH/tmp" "$SCRATCH/home"
TMPDIR=$SCRATCH/tmp
HOME=$SCRATCH/home
ROADMAP_RUN_HOME=$SCRATCH/home/rr
XDG_DATA_HOME=$SCRATCH/home/xdg
NO_COLOR=1
export TMPDIR HOME ROADMAP_RUN_HOME XDG_DATA_HOME NO_COLOR

# The scratch tree without our own outputs, for before/after comparison.
# Unreadable corners (a test's chmod 000 directory) are listed, not entered.
# $RR_ALLOW names top-level paths a run may create (e.g. its --out DIR).
snapshot() {
	(cd "$SCRATCH" && find . \( -path ./tmp -o -path ./home -o -name out.txt -o -name err.txt \
		-o -name '.snap.*' \) -prune -o -print 2>/dev/null | LC_ALL=C sort |
		grep -vE "^\./(${RR_ALLOW:-/})(/|\$)")
}

# rr_expect CODE PATTERN ARGS... - run $RR ARGS and check it as above.
# CODE may list several accepted statuses: "3|4". stdin is $RR_STDIN or /dev/null.
# PATTERN is matched against stderr with grep -E (empty: no check).
# stdout and stderr stay in out.txt and err.txt for further checks.
rr_expect() {
	want=$1 pat=$2
	shift 2
	snapshot >"$SCRATCH/.snap.before"
	timeout -s KILL "${RR_TIMEOUT:-60}" "$RR" "$@" >"$SCRATCH/out.txt" 2>"$SCRATCH/err.txt" <"${RR_STDIN:-/dev/null}"
	got=$?
	what="roadmap-run $(printf '%s ' "$@" | tr -c '[:print:]' '?' | cut -c1-200)"
	if grep -qE 'Sanitizer|runtime error:' "$SCRATCH/err.txt"; then
		sed -n 1,30p "$SCRATCH/err.txt" >&2
		die "$what: sanitizer report"
	fi
	[ "$got" -eq 137 ] && die "$what: hung (killed after ${RR_TIMEOUT:-60} s)"
	[ "$got" -ge 128 ] && { cat "$SCRATCH/err.txt" >&2; die "$what: crashed (exit $got)"; }
	case "|$want|" in *"|$got|"*) ;; *)
		echo "--- stderr:" >&2; head -c 3000 "$SCRATCH/err.txt" >&2
		die "$what: expected exit $want, got $got";;
	esac
	if [ -n "$pat" ] && ! grep -qE -- "$pat" "$SCRATCH/err.txt"; then
		echo "--- stderr:" >&2; head -c 3000 "$SCRATCH/err.txt" >&2
		die "$what: stderr does not name the problem (/$pat/)"
	fi
	left=$(ls -A "$TMPDIR" 2>/dev/null)
	[ -z "$left" ] && [ -z "$(ls -A "$HOME")" ] || {
		ls -laR "$TMPDIR" "$HOME" >&2; die "$what: left files in TMPDIR or HOME: $left"; }
	snapshot >"$SCRATCH/.snap.after"
	if ! cmp -s "$SCRATCH/.snap.before" "$SCRATCH/.snap.after"; then
		diff "$SCRATCH/.snap.before" "$SCRATCH/.snap.after" >&2
		die "$what: changed the scratch directory"
	fi
	return 0
}

# mkpack DIR JSON - a copy of the fixture pack with pack.json replaced.
mkpack() {
	rm -rf "$1"
	cp -R fx "$1"
	printf '%s' "$2" >"$1/pack.json"
}

# The fixture's pack.json with one field replaced (python expression on
# the parsed document p), written to DIR/pack.json.
mkpack_edit() {
	rm -rf "$1"
	cp -R fx "$1"
	/usr/bin/python3 -c '
import json, sys
p = json.load(open("fx/pack.json"))
ex = p["exercises"][0]; ck = ex["checks"][0]
exec(sys.argv[2])
json.dump(p, open(sys.argv[1] + "/pack.json", "w"))' "$1" "$2"
}

# json_valid FILE - the file is one valid UTF-8 JSON document.
json_valid() {
	/usr/bin/python3 -c '
import json, sys
raw = open(sys.argv[1], "rb").read()
raw.decode("utf-8")
json.loads(raw)' "$1" || die "'$1' is not valid UTF-8 JSON"
}
