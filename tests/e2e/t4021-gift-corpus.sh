# End-to-end: outside GIFT (Moodle's documentation examples, its importer's
# examples.txt and test fixture, in tests/fixtures/gift/corpus/) imports as
# reviewed in X.expected.json, and the imported quiz grades each answer in
# X.moodle.json to the fraction Moodle's own grading gives it.
set -u
. "$LIB"
CORPUS=$ROOT/tests/fixtures/gift/corpus
mkdir -p pk/e/s pk/e/t sub/e
echo p >pk/e/p.md
for gift in "$CORPUS"/*.gift; do
	b=${gift%.gift}; name=${b##*/}
	"$RR" quiz-import "$gift" --skip-unsupported --quiet -o "$name.json" 2>"$name.err"
	expect_eq 0 "$?" "exit status, $name"
	diff -u "$b.expected.json" "$name.json" || die "$name: the import differs from the reviewed one"
	/usr/bin/python3 - "$name.json" "$b.moodle.json" "$name" <<'PY' || die "$name: cannot build the rounds"
import json, sys
quiz, rounds, name = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
json.dump({"format": 1, "id": "corpus", "title": "Corpus", "stage": 0, "version": "1.0.0",
    "exercises": [{"id": "e", "title": "E", "prompt": "e/p.md", "starter": "e/s", "tests": "e/t",
                   "checks": [{"id": "c", "run": ["true"], "points": 1}]}], "quiz": quiz},
          open("pk/pack.json", "w"), indent=1)
for i, r in enumerate(rounds):
    json.dump({"format": 1, "answers": r["answers"]}, open("%s-round%d.json" % (name, i), "w"))
    json.dump(r["fractions"], open("%s-round%d.want" % (name, i), "w"))
PY
	for answers in "$name"-round*.json; do
		"$RR" pk sub --answers "$answers" --quiet --report report.json >/dev/null 2>&1
		/usr/bin/python3 - report.json "${answers%.json}.want" "$answers" <<'PY' || die "$answers: a score differs from Moodle's"
import json, math, sys
r, want = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
got = {q["id"]: q for q in r["quiz"]["questions"]}
bad = 0
for qid, f in want.items():
    q = got[qid]
    expect = math.floor(q["max_score"] * f + 1e-6)
    if q["score"] != expect:
        print("%s: question %s scores %d of %d, Moodle gives %g%% = %d" % (sys.argv[3], qid, q["score"], q["max_score"], f * 100, expect))
        bad += 1
sys.exit(1 if bad else 0)
PY
	done
done
