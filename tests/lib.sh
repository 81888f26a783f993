# tests/lib.sh - assertion helpers for the shell suites (sourced).
# Each helper prints what was expected and what happened, then exits 1.

die() { echo "not ok: $*" >&2; exit 1; }

# expect_status CODE CMD... : run CMD, require exit status CODE.
expect_status() {
	want=$1; shift
	"$@"; got=$?
	[ "$got" -eq "$want" ] || die "expected exit $want from '$*', got $got"
}

# json_get FILE EXPR : print a value from a JSON file with python
# (EXPR is a Python expression over the parsed document 'r').
json_get() {
	/usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); v=eval(sys.argv[2]); print(json.dumps(v) if not isinstance(v,str) else v)' "$1" "$2"
}

# expect_eq WANT GOT WHAT
expect_eq() {
	[ "$1" = "$2" ] || die "$3: expected '$1', got '$2'"
}

# expect_grep PATTERN FILE
expect_grep() {
	grep -q -- "$1" "$2" || { echo "--- $2:" >&2; cat "$2" >&2; die "expected '$1' in $2"; }
}
