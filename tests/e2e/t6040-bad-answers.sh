# Bad input: quiz answers (SUBMISSION/answers.json or --answers FILE). A
# broken file fails the quiz only (the exercises are graded; exit 1) and
# its message names the file and the line and column, or the question; a
# planted FIFO or symlink is refused without being read; an --answers FILE
# that cannot be opened stops before grading (exit 3); odd but valid
# answers are graded, and the report stays valid UTF-8 JSON.
set -u
. "$LIB"
. "$ROOT/tests/e2e/robust-lib.sh"
PACK=$ROOT/tests/fixtures/quiz/pack
mkdir -p sub/intro && cp "$PACK/intro/starter/hello.py" sub/intro/

# ans TEXT - write sub/answers.json (printf format).
ans() { printf "$1" >sub/answers.json; }
graded() { rr_expect "0|1" "" "$PACK" sub --quiet --report -; json_valid out.txt; }

# --- not JSON ------------------------------------------------------------------------------
ans '{"format": 1,\n  "answers": {\n    "rtt-ms": 6O\n  }\n}\n'
rr_expect 1 "sub/answers\.json line 3, column 16: invalid JSON near 'O'" "$PACK" sub
ans ''
rr_expect 1 "sub/answers\.json line 1, column 1: invalid JSON: unexpected end of file" "$PACK" sub
ans '{"format": 1, "answers": {"https-port": 1'
rr_expect 1 "sub/answers\.json line 1, column 42: invalid JSON: unexpected end of file" "$PACK" sub
ans '{"format": 1, "answers": {}} trailing'
rr_expect 1 "sub/answers\.json line 1, column 30: unexpected text after the JSON document" "$PACK" sub
ans '{"format": 1, "answers": {"https-port": 1,}}'
rr_expect 1 "sub/answers\.json line 1, column [0-9]+: invalid JSON near" "$PACK" sub
ans '{"format": 1,\000 "answers": {}}'
rr_expect 1 "sub/answers\.json: contains a NUL byte" "$PACK" sub
/usr/bin/python3 -c "print('[' * 100000 + ']' * 100000)" >sub/answers.json
rr_expect 1 "sub/answers\.json line 1, column 1001: invalid JSON" "$PACK" sub
/usr/bin/python3 -c '
import json
json.dump({"format": 1, "answers": {}, "x-pad": "x" * (1 << 20)}, open("sub/answers.json", "w"))'
rr_expect 1 "sub/answers\.json: answers file is larger than 1 MiB" "$PACK" sub
# A byte order mark is fine.
printf '\357\273\277' >sub/answers.json && cat "$ROOT/tests/fixtures/quiz/answers-example.json" >>sub/answers.json
graded
expect_eq 6 "$(json_get out.txt 'r["quiz"]["score"]')" "score with a BOM"

# --- not the right shape ----------------------------------------------------------------------
for doc in '[]' '"x"' '1' 'null'; do
	ans "$doc"
	rr_expect 1 "sub/answers\.json: the top level must be an object" "$PACK" sub
done
ans '{"answers": {}}'
rr_expect 1 "sub/answers\.json: format: missing \(required\)" "$PACK" sub
ans '{"format": 2, "answers": {}}'
rr_expect 1 "sub/answers\.json: format: unsupported answers format" "$PACK" sub
ans '{"format": "1", "answers": {}}'
rr_expect 1 "sub/answers\.json: format: unsupported answers format" "$PACK" sub
ans '{"format": 1}'
rr_expect 1 "sub/answers\.json: answers: missing \(required\)" "$PACK" sub
ans '{"format": 1, "answers": [1, 0]}'
rr_expect 1 "sub/answers\.json: answers: must be an object" "$PACK" sub
ans '{"format": 1, "answers": {}, "answer": {}, "x-tool": {"v": 1}}'
rr_expect 1 "sub/answers\.json: answer: unknown field" "$PACK" sub
grep -q "x-tool" err.txt && die "an x- field was refused"
ans '{"format": 1, "answers": {}, "format": 1}'
rr_expect 1 "sub/answers\.json: format: duplicate key" "$PACK" sub

# --- wrong answers for each type: every problem named at once ------------------------------------
ans '{"format": 1, "answers": {"https-port": "443", "safe-methods": [0, 7], "tls-needed": "yes", "header-name": 5, "rtt-ms": "60", "nope": true}}'
rr_expect 1 "answers\.https-port: question 'https-port' \(single\)" "$PACK" sub
for w in "answers\.safe-methods: question 'safe-methods' \(multiple\): index 7 is out of range" \
	"answers\.tls-needed: question 'tls-needed' \(bool\)" "answers\.header-name: question 'header-name' \(text\)" \
	"answers\.rtt-ms: question 'rtt-ms' \(number\)" "answers\.nope: the pack has no question 'nope'"; do
	grep -qE "$w" err.txt || die "not named: $w"
done
for v in -1 3 1.5 1e400 -1e400 true '[1]' '{}'; do
	ans "{\"format\": 1, \"answers\": {\"https-port\": $v}}"
	rr_expect 1 "answers\.https-port: question 'https-port' \(single\)" "$PACK" sub
done
for v in '[0, 0]' '[-1]' '[4]' '[0.5]' '[1e400]' '[null]' '0' '"0,2"'; do
	ans "{\"format\": 1, \"answers\": {\"safe-methods\": $v}}"
	rr_expect 1 "answers\.safe-methods: question 'safe-methods' \(multiple\)" "$PACK" sub
done
ans '{"format": 1, "answers": {"https-port": 1, "https-port": 1}}'
rr_expect 1 "answers\.https-port: question 'https-port' is answered twice" "$PACK" sub
ans '{"format": 1, "answers": {"\033[31mred\n": 1}}'
rr_expect 1 "the pack has no question '\\\\x1b\[31mred\\\\n'" "$PACK" sub

# --- odd but valid: graded, report valid ----------------------------------------------------------
ans '{"format": 1, "answers": {"rtt-ms": 1e308, "header-name": "\\u0000\\ud83d\\ude00 \\u001b[2J", "tls-needed": null}}'
graded
expect_eq incorrect "$(json_get out.txt '[q["status"] for q in r["quiz"]["questions"] if q["id"] == "rtt-ms"][0]')" "a huge number"
ans '{"format": 1, "answers": {"rtt-ms": -0, "header-name": "'"$(printf '\377\376')"'"}}'
# Invalid UTF-8 in a text answer: graded (as a wrong answer) or refused
# naming the file; a report, if any, stays valid UTF-8.
rr_expect "0|1|3" "" "$PACK" sub --quiet --report -
[ -s out.txt ] && json_valid out.txt
[ -s out.txt ] || grep -q "sub/answers\.json" err.txt || die "invalid UTF-8 refused without naming the file"
/usr/bin/python3 -c '
import json
json.dump({"format": 1, "answers": {"header-name": "x" * 900000}}, open("sub/answers.json", "w"))'
graded

# --- not a regular file, or not there ---------------------------------------------------------------
rm sub/answers.json && mkfifo sub/answers.json
RR_TIMEOUT=20 rr_expect 1 "sub/answers\.json: must be a regular file" "$PACK" sub
rm sub/answers.json && mkdir sub/answers.json
rr_expect 1 "sub/answers\.json: must be a regular file" "$PACK" sub
rmdir sub/answers.json
echo 'root:$6$TOPSECRETHASH:19000:0:99999:7:::' >shadow
ln -s "$SCRATCH/shadow" sub/answers.json
rr_expect 1 "sub/answers\.json: is a symbolic link; the grader does not follow links in a submission" "$PACK" sub
grep -q TOPSECRET err.txt && die "the target of a planted symlink was quoted"
rm sub/answers.json
# --answers names a file the caller chose: it must exist, a pipe is fine.
rr_expect 3 "nothere\.json.*No such file or directory" "$PACK" sub --answers nothere.json
rr_expect 3 "cannot read the answers: Is a directory" "$PACK" sub --answers sub
printf '{"format": 1, "answers": {"https-port": 7}}' >bad.json
rr_expect 1 "bad\.json: answers\.https-port: question 'https-port' \(single\)" "$PACK" sub --answers bad.json
(RR_STDIN=$ROOT/tests/fixtures/quiz/answers-example.json
 rr_expect "0|1" "" "$PACK" sub --answers /dev/stdin --quiet --report -) || exit 1
expect_eq 6 "$(json_get out.txt 'r["quiz"]["score"]')" "score with answers from stdin"
exit 0
