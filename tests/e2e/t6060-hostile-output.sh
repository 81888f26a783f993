# Bad input: what a learner's program prints. NUL bytes, invalid UTF-8
# (overlongs, surrogates, cut sequences), terminal escapes, carriage
# returns, JSON-breaking characters and floods must leave every report
# format valid (JSON as UTF-8, JUnit as XML, TAP as UTF-8 text), and the
# summary on the terminal free of raw control characters. Hidden checks
# leak nothing.
set -u
. "$LIB"
. "$ROOT/tests/e2e/robust-lib.sh"

rm -rf hp && cp -R fx hp
cat >hp/add/tests/noise.sh <<'SH'
printf 'nul\000byte \377\376 bad \033[31mred\033[0m \033]0;title\007 \r overwrite "q" \\ \342\200\250 sep\n'
printf 'over\300\257long \355\240\200 surrogate \364\220\200\200 big \342\202 cut\n' >&2
exit 1
SH
cat >hp/add/tests/tap.sh <<'SH'
echo "TAP version 13"; echo "1..3"
printf 'not ok 1 - \033[2J clear \377 bad\n'
printf 'ok 2 - fine\000 nul\n'
printf 'not ok 3 - \033]0;owned\007\n'
printf 'Bail out! \033[31mstop\r\n'
SH
printf 'line one\nline \377two\n' >hp/add/tests/expected.txt
printf "printf 'line one\\\\nline \\\\033[31mTWO\\\\377\\\\n'\n" >hp/add/tests/out.sh
cat >hp/add/tests/flood.sh <<'SH'
head -c 5000000 /dev/urandom
SH
cat >hp/add/tests/longline.sh <<'SH'
head -c 200000 /dev/zero | tr '\0' 'x'; exit 3
SH
/usr/bin/python3 -c '
import json
p = json.load(open("hp/pack.json"))
p["title"] = "Fixture \u001b[5mblink"
e = p["exercises"][0]
e["title"] = "Add \u001b]0;title\u0007"
p["summary"] = "sum \u001b[2J mary\r"
e["hints"] = ["first \u001b[31mred", "second\u0007"]
e["checks"] = [
 {"id": "noise", "run": ["sh", "tests/noise.sh"], "points": 1},
 {"id": "tap", "run": ["sh", "tests/tap.sh"], "points": 1, "kind": "tap"},
 {"id": "out", "run": ["sh", "tests/out.sh"], "points": 1, "kind": "output", "expected": "tests/expected.txt"},
 {"id": "flood", "run": ["sh", "tests/flood.sh"], "points": 1, "output_kb": 64},
 {"id": "longline", "run": ["sh", "tests/longline.sh"], "points": 1},
 {"id": "hidden-noise", "run": ["sh", "tests/noise.sh"], "points": 1, "hidden": True}]
json.dump(p, open("hp/pack.json", "w"))'

# The report to stdout: valid UTF-8 JSON, with what happened.
RR_TIMEOUT=60 rr_expect 1 "" hp good --report - --quiet
json_valid out.txt
cp out.txt rep.json
st() { json_get rep.json "[c for c in r['exercises'][0]['checks'] if c['id'] == '$1'][0]['$2']"; }
expect_eq fail "$(st noise status)" "noise status"
expect_eq fail "$(st tap status)" "tap status"
expect_eq fail "$(st out status)" "output status"
expect_eq output "$(st flood status)" "flood status"
expect_eq true "$(st flood output_truncated)" "flood truncated"
expect_eq fail "$(st longline status)" "long line status"
expect_eq "" "$(st hidden-noise output)" "hidden output"
expect_eq "" "$(st hidden-noise message)" "hidden message"
/usr/bin/python3 - <<'PY' || die "report content"
import json
r = json.load(open("rep.json"))
c = {x["id"]: x for x in r["exercises"][0]["checks"]}
out = c["noise"]["output"]
assert "\x00" not in out, "NUL kept"
assert "\ufffd" in out, "invalid bytes not replaced"
assert "red" in out and "overwrite" in out and "surrogate" in out, out
assert len(c["flood"]["output"].encode()) <= 64 * 1024 * 4, "flood output not capped"
assert "line 2" in c["out"]["message"], c["out"]["message"]
assert [t["ok"] for t in c["tap"]["tests"]] == [False, True, False], c["tap"]["tests"]
PY
size=$(wc -c <rep.json)
[ "$size" -lt 2000000 ] || die "the report is $size bytes"

# The summary on stdout (as on a terminal): no raw control characters
# other than newlines, from the program's output or the pack's titles.
RR_TIMEOUT=60 rr_expect 1 "" hp good
LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" out.txt && {
	cat -v out.txt >&2; die "a raw control character reached the summary"; }
grep -q 'bailed out: \\x1b\[31mstop' out.txt || die "the bail-out reason is not shown escaped: $(cat -v out.txt)"

# The same for list and hint, which print the pack's own text.
rr_expect 0 "" list hp
LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" out.txt && {
	cat -v out.txt >&2; die "a raw control character reached 'list'"; }
grep -q 'Add \\x1b\]0;title\\x07' out.txt || die "the title is not shown escaped: $(cat -v out.txt)"
RR_ALLOW=ws rr_expect 0 "" hint hp add --workspace ws
RR_ALLOW=ws rr_expect 0 "" hint hp add --workspace ws
RR_ALLOW=ws rr_expect 0 "" hint hp add --workspace ws
LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" out.txt && {
	cat -v out.txt >&2; die "a raw control character reached 'hint'"; }
grep -q 'first \\x1b\[31mred' out.txt || die "the hint is not shown escaped: $(cat -v out.txt)"

# Every other report format stays well-formed.
RR_ALLOW=formats RR_TIMEOUT=60 rr_expect 1 "" hp good --format json --format junit --format tap --format gradescope \
	--format exercism --out formats --quiet
/usr/bin/python3 - <<'PY' || die "a report format is broken"
import json, xml.dom.minidom
xml.dom.minidom.parse("formats/junit.xml")
for f in ("formats/report.json", "formats/gradescope/results.json", "formats/exercism/results.json"):
    raw = open(f, "rb").read(); raw.decode("utf-8"); json.loads(raw)
tap = open("formats/report.tap", "rb").read()
tap.decode("utf-8")
assert b"\x1b" not in tap and b"\x00" not in tap, "raw control bytes in the TAP report"
PY
rm -rf formats rep.json
exit 0
