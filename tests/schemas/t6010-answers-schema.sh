# Schemas: the answers.json example in docs/pack-format.md, the fixture
# answers and the file "roadmap-run quiz" writes are valid against
# docs/schema/answers.schema.json; known-bad answers files are rejected by
# the schema and by the runner alike.
set -u
. "$LIB"
V="/usr/bin/python3 $ROOT/tests/schemas/validate.py"
S=$ROOT/docs/schema/answers.schema.json
PACK=$ROOT/tests/fixtures/quiz/pack

# the example in the author's guide: the first ```json block after the
# "## `answers.json`" heading
/usr/bin/python3 - "$ROOT/docs/pack-format.md" <<'PY' >doc-example.json || die "no answers.json example in docs/pack-format.md"
import re, sys
text = open(sys.argv[1]).read()
i = text.index("## `answers.json`")
m = re.compile(r"```json\n(.*?)```", re.S).search(text, i)
sys.stdout.write(m.group(1))
PY
$V "$S" doc-example.json "$ROOT/tests/fixtures/quiz/answers-example.json" || die "an example answers file is invalid"

# what the interactive quiz saves
ROADMAP_RUN_HOME=$PWD/home /usr/bin/python3 "$ROOT/tests/helpers/pty-drive.py" --timeout 20 \
	'expect:Question 1 of 5.*> ' 'line:1' 'expect:Question 2 of 5.*> ' 'line:1,4' \
	'expect:Question 3 of 5.*> ' 'line:n' 'expect:Question 4 of 5.*> ' 'line:Allow' \
	'expect:Question 5 of 5.*> ' 'line:-3.25' 'expect:Score' \
	-- "$RR" quiz "$PACK" --answers saved.json >/dev/null
[ -f saved.json ] || die "the quiz saved nothing"
$V "$S" saved.json || die "the answers the quiz saves are invalid"

# known-bad answers: the schema rejects them, and so does the runner
mkdir -p sub/intro
cp "$PACK/intro/starter/hello.py" sub/intro/
i=0
for doc in \
	'{"answers": {"https-port": 1}}' \
	'{"format": 2, "answers": {}}' \
	'{"format": 1}' \
	'{"format": 1, "answers": [1, 2]}' \
	'{"format": 1, "answers": {"Https-Port": 1}}' \
	'{"format": 1, "answers": {"https-port": {"index": 1}}}' \
	'{"format": 1, "answers": {"safe-methods": [0, -1]}}' \
	'{"format": 1, "answers": {"safe-methods": ["GET"]}}' \
	'{"format": 1, "answers": {}, "comment": "hi"}' \
	'[{"format": 1}]'; do
	i=$((i + 1))
	printf '%s\n' "$doc" >bad-$i.json
	cp bad-$i.json sub/answers.json
	# the runner refuses it: the quiz is not graded and says why (the
	# exercises are still graded, so the exit status is 1)
	rm -f r.json
	"$RR" "$PACK" sub --quiet --report r.json >out.txt 2>&1
	st=$?
	/usr/bin/python3 -c 'import json,sys; sys.exit(0 if json.load(open("r.json"))["quiz"].get("error") else 1)' 2>/dev/null &&
		[ "$st" -eq 1 ] || { cat out.txt; die "the runner accepts bad-$i.json: $doc (exit $st)"; }
done
$V --invalid "$S" bad-*.json || die "the schema accepted a known-bad answers file"
echo "ok"
