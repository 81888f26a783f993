# Bad input: pack.json in every broken shape an outsider might send. Each
# is refused with exit 3 and a message naming pack.json and the line and
# column or the JSON path; nothing crashes, hangs or is left behind.
set -u
. "$LIB"
. "$ROOT/tests/e2e/robust-lib.sh"

# --- not a JSON object -----------------------------------------------------------
mkpack p ''
rr_expect 3 "pack 'p': pack.json line 1, column 1: invalid JSON: unexpected end of file" p good
for doc in '[]' '"pack"' '42' 'null' 'true'; do
	mkpack p "$doc"
	rr_expect 3 "pack\.json( line [0-9]+, column [0-9]+)?: the top level must be a JSON object" p good
done
mkpack p '{"format": 1,'
rr_expect 3 "pack.json line 1, column 14: invalid JSON: unexpected end of file" p good
mkpack p '{"format": 1} {"format": 1}'
rr_expect 3 "pack.json line 1, column 15: unexpected text after the JSON document" p good
mkpack p "{'format': 1}"
rr_expect 3 "pack.json line 1, column [23]: invalid JSON near '" p good
mkpack p '{"format": NaN}'
rr_expect 3 "pack.json line 1, column 12: invalid JSON near 'NaN}'" p good
mkpack p '{"format": Infinity}'
rr_expect 3 "pack.json line 1, column 12: invalid JSON" p good

# A byte order mark is skipped (editors on Windows write one); the rest of
# the document is then checked as usual.
mkpack p "$(printf '\357\273\277')$(cat fx/pack.json)"
rr_expect 0 "" p good --quiet
mkpack p "$(printf '\357\273\277\357\273\277')$(cat fx/pack.json)"
rr_expect 3 "pack.json line 1, column 1: invalid JSON" p good

# A NUL byte, invalid UTF-8 in a string and an escape with a lone surrogate.
cp -R fx p0 && printf '{"format": 1,\000 "id": "x"}' >p0/pack.json
rr_expect 3 "pack\.json( line [0-9]+, column [0-9]+)?: contains a NUL byte" p0 good
mkpack_edit p 'p["title"] = "T"'
/usr/bin/python3 -c '
import sys; t = open("p/pack.json", "rb").read().replace(b"\"T\"", b"\"\xff\xfe\xc0\xaf\"")
open("p/pack.json", "wb").write(t)'
rr_expect 3 "pack\.json line 1, column [0-9]+: not valid UTF-8 \(byte 0xff\)" p good

# --- size and depth -----------------------------------------------------------------
mkpack p "$(/usr/bin/python3 -c "print('[' * 100000 + ']' * 100000)")"
rr_expect 3 "pack.json line 1, column 1001: invalid JSON: nested deeper than 1000 levels" p good
mkpack p "$(/usr/bin/python3 -c "print('{\"a\":' * 100000 + '1' + '}' * 100000)")"
rr_expect 3 "pack.json line 1, column 5001: invalid JSON: nested deeper than 1000 levels" p good
rm -rf p && cp -R fx p
/usr/bin/python3 -c '
import json
p = json.load(open("fx/pack.json"))
p["x-padding"] = "x" * (5 * 1024 * 1024)
json.dump(p, open("p/pack.json", "w"))'
rr_expect 3 "pack\.json( line [0-9]+, column [0-9]+)?: larger than 4 MiB" p good

# Just under the cap, with many fields or many exercises: no quadratic blow-up
# (each must answer within RR_TIMEOUT).
rm -rf p && cp -R fx p
/usr/bin/python3 -c '
import json
p = json.load(open("fx/pack.json"))
for i in range(300000): p["x-%d" % i] = 1
open("p/pack.json", "w").write(json.dumps(p, separators=(",", ":")))'
RR_TIMEOUT=20 rr_expect 0 "" p good --quiet
rm -rf p && cp -R fx p
/usr/bin/python3 -c '
import json
p = json.load(open("fx/pack.json"))
e = p["exercises"][0]
p["exercises"] = [dict(e, id="e%d" % i) for i in range(12000)]
open("p/pack.json", "w").write(json.dumps(p, separators=(",", ":")))'
RR_TIMEOUT=20 rr_expect 0 "" list p

# --- every field with every wrong type -------------------------------------------------
# Generated: one pack per (field, wrong value), each must name the field's
# JSON path. Strings get numbers, bools, null, arrays, objects; numbers get
# strings, fractions (for integers), bools, null, arrays, objects.
/usr/bin/python3 - <<'PY' >cases.txt
import json
base = json.load(open("fx/pack.json"))
S, I, N, B, A, O, P = "str", "int", "num", "bool", "arr", "obj", "path"
top = {"format": I, "id": S, "title": S, "stage": I, "version": S, "summary": S,
       "defaults": O, "exercises": A, "quiz": A}
ex = {"id": S, "title": S, "prompt": P, "starter": P, "solution": P, "wrong": P, "tests": P,
      "hints": A, "checks": A, "timeout": N, "memory_mb": I, "processes": I, "output_kb": I}
ck = {"id": S, "run": A, "points": I, "kind": S, "hidden": B, "description": S,
      "expected": S, "stdin": S, "compare": S, "network": S,
      "timeout": N, "memory_mb": I, "processes": I, "output_kb": I}
lim = {"timeout": N, "memory_mb": I, "processes": I, "output_kb": I}
wrong = {S: [1, True, None, [], {}], P: [1, False, None, ["a"], {}],
         I: ["1", 1.5, True, None, [], {}], N: ["1", True, None, [1], {}],
         B: ["true", 1, None, [], {}], A: ["x", 1, True, None, {}], O: ["x", 1, None, []]}
n = 0
for scope, fields in (("", top), ("exercises[0].", ex), ("exercises[0].checks[0].", ck),
                      ("defaults.", lim)):
    for f, t in fields.items():
        for v in wrong[t]:
            p = json.loads(json.dumps(base))
            obj = p if scope == "" else p["defaults"] if scope == "defaults." else \
                  p["exercises"][0] if scope == "exercises[0]." else p["exercises"][0]["checks"][0]
            obj[f] = v
            n += 1
            print("%s%s\t%s" % (scope, f, json.dumps(p)))
PY
n=0
while IFS='	' read -r where doc; do
	n=$((n + 1))
	mkpack p "$doc"
	pat=$(printf '%s' "$where" | sed -e 's/\./\\./g' -e 's/\[/\\[/g' -e 's/]/\\]/g')
	[ -n "$pat" ] || die "no JSON path for case $n"
	rr_expect 3 "pack 'p': pack\\.json( line [0-9]+, column [0-9]+)?: $pat" p good
done <cases.txt
[ "$n" -gt 150 ] || die "only $n wrong-type cases generated"

# --- unknown fields (x- is allowed), duplicate keys and ids --------------------------------
mkpack_edit p 'p["timout"] = 3; ex["titel"] = "x"; ck["point"] = 1; p["defaults"]["memory"] = 1; p["x-ok"] = {"any": [1]}'
rr_expect 3 "pack\.json( line [0-9]+, column [0-9]+)?: timout: unknown field" p good
for w in 'exercises\[0\]\.titel' 'exercises\[0\]\.checks\[0\]\.point' 'defaults\.memory'; do
	grep -qE "pack\.json( line [0-9]+, column [0-9]+)?: $w: unknown field" err.txt || die "unknown field $w not named: $(cat err.txt)"
done
grep -q "x-ok" err.txt && die "an x- field was refused"
mkpack p "$(sed 's/"id": "fixture"/"id": "fixture", "id": "again"/' fx/pack.json)"
rr_expect 3 "pack\.json( line [0-9]+, column [0-9]+)?: id: duplicate key" p good
mkpack_edit p 'p["exercises"].append(dict(ex)); ex["checks"].append(dict(ck))'
rr_expect 3 "exercises\[1\]\.id: duplicate exercise id 'add'" p good
grep -q "exercises\[0\]\.checks\[2\]\.id: duplicate check id 'sum'" err.txt || die "duplicate check id not named"
mkpack_edit p 'p["quiz"] = [{"id": "q", "type": "bool", "prompt": "p", "explanation": "e", "answer": True}] * 2'
rr_expect 3 "quiz\[1\]\.id: duplicate question id 'q'" p good

# --- paths: "..", absolute, symlinks out of the pack, a file for a directory --------------------
for field in prompt starter tests solution wrong; do
	mkpack_edit p "ex['$field'] = '../outside'"
	rr_expect 3 "exercises\[0\]\.$field: '\.\./outside' contains a '\.\.' component" p good
	mkpack_edit p "ex['$field'] = 'add/../../../etc'"
	rr_expect 3 "exercises\[0\]\.$field: 'add/\.\./\.\./\.\./etc' contains a '\.\.' component" p good
	mkpack_edit p "ex['$field'] = '/etc'"
	rr_expect 3 "exercises\[0\]\.$field: '/etc' is absolute" p good
	mkpack_edit p "ex['$field'] = 'add/ctl\x1b[31m'"
	rr_expect 3 "exercises\[0\]\.$field: .* contains a control character" p good
done
mkpack_edit p 'ck["kind"] = "output"; ck["expected"] = "tests/../../../../etc/passwd"'
rr_expect 3 "exercises\[0\]\.checks\[0\]\.expected: .* contains a '\.\.' component" p good
mkpack_edit p 'ck["kind"] = "output"; ck["expected"] = "/etc/passwd"'
rr_expect 3 "exercises\[0\]\.checks\[0\]\.expected: '/etc/passwd' must name a file inside tests/" p good
mkpack_edit p 'ck["stdin"] = "tests/"'
rr_expect 3 "exercises\[0\]\.checks\[0\]\.stdin: 'tests/' must name a file inside tests/" p good

echo "secret outside the pack" >secret.txt
mkdir outside-dir && echo secret >outside-dir/check.sh
for field in prompt starter tests; do
	rm -rf p && cp -R fx p
	case $field in
	prompt) rm p/add/prompt.md && ln -s "$SCRATCH/secret.txt" p/add/prompt.md;;
	starter) rm -rf p/add/starter && ln -s "$SCRATCH/outside-dir" p/add/starter;;
	tests) rm -rf p/add/tests && ln -s /etc p/add/tests;;
	esac
	rr_expect 3 "exercises\[0\]\.$field: 'add/$field(\.md)?' is a symbolic link; a pack may not hold links there" p good
done
rm -rf p && cp -R fx p && rm -rf p/add/tests && ln -s ../../outside-dir p/add/tests
rr_expect 3 "exercises\[0\]\.tests: 'add/tests' is a symbolic link; a pack may not hold links there" p good
rm -rf p && cp -R fx p && rm -rf p/add/tests && ln -s tests p/add/tests
rr_expect 3 "exercises\[0\]\.tests: 'add/tests' is a symbolic link" p good
# a link that stays inside the pack is refused too, with the same words
# (not "Too many levels of symbolic links" at the first check)
rm -rf p && cp -R fx p && mv p/add/tests p/add/real-tests && ln -s real-tests p/add/tests
rr_expect 3 "exercises\[0\]\.tests: 'add/tests' is a symbolic link; a pack may not hold links there .* make it a real directory" p good
# a directory on the way that leads outside is still caught
rm -rf p && cp -R fx p && mkdir -p outside-up/add && cp -R p/add/tests outside-up/add/ &&
	mv p/add p/add-real && ln -s "$SCRATCH/outside-up/add" p/add
rr_expect 3 "resolves outside the pack" p good
mkpack_edit p 'ck["kind"] = "output"; ck["expected"] = "tests/leak.txt"'
ln -s "$SCRATCH/secret.txt" p/add/tests/leak.txt
rr_expect 3 "exercises\[0\]\.checks\[0\]\.expected: 'tests/leak\.txt' is not a file in the exercise's tests directory" p good

# A symlink inside tests/ pointing out of the pack never reaches a check.
rm -rf p && cp -R fx p
ln -s "$SCRATCH/secret.txt" p/add/tests/leak.txt
printf '#!/bin/sh\ncat tests/leak.txt\nexit 0\n' >p/add/tests/check.sh
rr_expect 0 "" p good --report - --quiet
json_valid out.txt
grep -q "secret outside" out.txt && die "a check read a file outside the pack through a symlink"

rm -rf p && cp -R fx p && rm -rf p/add/tests && echo "not a dir" >p/add/tests
rr_expect 3 "exercises\[0\]\.tests: 'add/tests' must be a directory" p good
rm -rf p && cp -R fx p && rm -rf p/add/starter && : >p/add/starter
rr_expect 3 "exercises\[0\]\.starter: 'add/starter' must be a directory" p good
rm -rf p && cp -R fx p && rm p/add/prompt.md && mkdir p/add/prompt.md
rr_expect 3 "exercises\[0\]\.prompt: 'add/prompt\.md' must be a regular file" p good
rm -rf p && cp -R fx p && rm p/add/prompt.md && mkfifo p/add/prompt.md
rr_expect 3 "exercises\[0\]\.prompt: 'add/prompt\.md' must be a regular file" p good
rm -rf p && cp -R fx p && rm -rf p/add/tests
rr_expect 3 "exercises\[0\]\.tests: 'add/tests' does not exist in the pack" p good

# --- numbers: huge, tiny, negative, fractional, out of range -----------------------------
for v in 0 -1 601 1e9 1e400 -1e400 1e-400; do
	for scope in 'p["defaults"]' 'ex' 'ck'; do
		mkpack_edit p "$scope['timeout'] = '@RAW@'"
		sed -i "s/\"@RAW@\"/$v/" p/pack.json
		case $scope in p*) w='defaults\.timeout';; ex) w='exercises\[0\]\.timeout';; *) w='exercises\[0\]\.checks\[0\]\.timeout';; esac
		rr_expect 3 "pack\.json( line [0-9]+, column [0-9]+)?: $w: must be" p good
	done
done
for f in memory_mb:15:16385 processes:0:4097 output_kb:0:65537; do
	name=${f%%:*} lo=$(echo "$f" | cut -d: -f2) hi=${f##*:}
	for v in "$lo" "$hi" -1 1e300 2147483648 9223372036854775808; do
		mkpack_edit p "ck['$name'] = '@RAW@'"
		sed -i "s/\"@RAW@\"/$v/" p/pack.json
		rr_expect 3 "exercises\[0\]\.checks\[0\]\.$name: must be between" p good
	done
done
for v in -1 1.5 2147483648 1e300; do
	mkpack_edit p "ck['points'] = '@RAW@'"
	sed -i "s/\"@RAW@\"/$v/" p/pack.json
	rr_expect 3 "exercises\[0\]\.checks\[0\]\.points: must be" p good
	mkpack_edit p "p['stage'] = '@RAW@'"
	sed -i "s/\"@RAW@\"/$v/" p/pack.json
	rr_expect 3 "pack\.json( line [0-9]+, column [0-9]+)?: stage: must be" p good
done
mkpack p "$(sed 's/"format": 1/"format": 1e400/' fx/pack.json)"
rr_expect 3 "pack\.json( line [0-9]+, column [0-9]+)?: format: unsupported pack format" p good
mkpack p "$(sed 's/"format": 1/"format": 1.0000000000000001/' fx/pack.json)"
rr_expect 0 "" p good --quiet
mkpack_edit p 'p["format"] = 2'
rr_expect 3 "pack\.json( line [0-9]+, column [0-9]+)?: format: unsupported pack format; this runner reads format 1" p good

# --- ids and strings ----------------------------------------------------------------------
for id in '' 'A' '-a' 'a_b' 'a b' 'é' "$(printf 'a%.0s' $(seq 65))" 'a/b' '..'; do
	mkpack_edit p "ex['id'] = '''$id'''"
	rr_expect 3 "exercises\[0\]\.id: " p good
done
mkpack_edit p 'ck["run"] = []'
rr_expect 3 "exercises\[0\]\.checks\[0\]\.run: must be a non-empty array of strings" p good
mkpack_edit p 'ck["run"] = ["", "x"]'
rr_expect 3 "exercises\[0\]\.checks\[0\]\.run: the command \(run\[0\]\) must not be empty" p good
mkpack_edit p 'ck["run"] = ["sh", 1, None]'
rr_expect 3 "exercises\[0\]\.checks\[0\]\.run\[1\]: must be a string" p good
grep -q "run\[2\]: must be a string" err.txt || die "run[2] not named"
mkpack_edit p 'p["exercises"] = []'
rr_expect 3 "pack\.json( line [0-9]+, column [0-9]+)?: exercises: must be a non-empty array" p good
mkpack_edit p 'ex["checks"] = []'
rr_expect 3 "exercises\[0\]\.checks: must be a non-empty array" p good
mkpack_edit p 'p["exercises"] = [1, "x", None]'
rr_expect 3 "exercises\[0\]: must be an object" p good
grep -q "exercises\[2\]: must be an object" err.txt || die "exercises[2] not named"
mkpack_edit p 'ex["checks"] = [[], 7]'
rr_expect 3 "exercises\[0\]\.checks\[1\]: must be an object" p good
mkpack_edit p 'ex["hints"] = ["ok", "", 3]'
rr_expect 3 "exercises\[0\]\.hints\[1\]: must be a non-empty string" p good
mkpack_edit p 'p["version"] = "1.0"'
rr_expect 3 "pack\.json( line [0-9]+, column [0-9]+)?: version: '1\.0' must look like MAJOR\.MINOR\.PATCH" p good
mkpack_edit p 'p["title"] = ""'
rr_expect 3 "pack\.json( line [0-9]+, column [0-9]+)?: title: must not be empty" p good

# Every problem is listed at once, not only the first.
mkpack_edit p 'p["stage"] = -1; ex["id"] = "BAD"; ck["points"] = "2"; p["defaults"]["timeout"] = 0'
rr_expect 3 "stage: must be" p good
[ "$(grep -c '^error: ' err.txt)" -ge 4 ] || die "not every problem listed: $(cat err.txt)"
exit 0
