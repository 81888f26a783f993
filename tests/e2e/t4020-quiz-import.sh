# End-to-end: "roadmap-run quiz-import" on realistic GIFT banks: the JSON is
# exactly the reviewed expected output, every question that cannot be
# converted is named with its line and makes the exit status 3 (unless
# --skip-unsupported), and the result is a quiz the runner accepts.
set -u
. "$LIB"
FX=$ROOT/tests/fixtures/gift

# a bank where everything converts: exit 0, JSON on stdout, summary on stderr
"$RR" quiz-import "$FX/http-basics.gift" >http.json 2>err.txt
expect_eq 0 "$?" "exit status, http-basics"
diff -u "$FX/http-basics.expected.json" http.json || die "http-basics: output differs from the expected JSON"
expect_grep "category '\$course\$/top/Backend/Week 3 - HTTP' ignored" err.txt
expect_grep "converted 8 of 8 questions" err.txt

# CRLF, a byte order mark, [html]: the same through stdin
"$RR" quiz-import - <"$FX/sql-windows.gift" >sql.json 2>err.txt
expect_eq 0 "$?" "exit status, sql-windows from stdin"
diff -u "$FX/sql-windows.expected.json" sql.json || die "sql-windows: output differs"

# unsupported questions: named with their lines, exit 3, the rest converted
"$RR" quiz-import "$FX/moodle-features.gift" -o features.json 2>err.txt
expect_eq 3 "$?" "exit status with unsupported questions"
diff -u "$FX/moodle-features.expected.json" features.json || die "moodle-features: output differs"
for want in "line 19, column 74: question 'Essay': an essay question" \
	    "line 21, column 1: question 'This line is a description"; do
	grep -q "^error: .*moodle-features.gift $want" err.txt || { cat err.txt; die "not named: $want"; }
done
expect_grep "converted 7 of 9 questions.*2 not converted (2 unsupported, 0 malformed)" err.txt

# --skip-unsupported: the same questions named as warnings, exit 0
"$RR" quiz-import "$FX/moodle-features.gift" --skip-unsupported -o skipped.json 2>err.txt
expect_eq 0 "$?" "exit status with --skip-unsupported"
cmp -s features.json skipped.json || die "--skip-unsupported changed the output"
expect_grep "^warning: .*line 19, column 74: question 'Essay'" err.txt
grep -q '^error:' err.txt && die "errors with --skip-unsupported: $(cat err.txt)"

# malformed questions stay errors even with --skip-unsupported
"$RR" quiz-import "$FX/malformed.gift" --skip-unsupported --quiet >bad.json 2>err.txt
expect_eq 3 "$?" "exit status with malformed questions"
expect_eq 6 "$(grep -c '^error:' err.txt)" "one error per malformed question"
expect_grep "line 7, column 30: question 'Empty answers': an empty answer is dropped" err.txt
expect_grep "line 3, column 28: question 'Unclosed': unclosed '{'" err.txt
expect_grep "line 5, column 46: question 'Bad numeric': 'eight' is not a number" err.txt
expect_eq '["good-one"]' "$(json_get bad.json '[q["id"] for q in r]')" "the good question still converts"
grep -q converted err.txt && die "--quiet printed the summary"

# the imported quiz is accepted by the runner inside a pack
mkdir -p pk/e/s pk/e/t
echo p >pk/e/p.md
/usr/bin/python3 - http.json sql.json features.json <<'PY' >pk/pack.json
import json, sys
quiz = []
for f in sys.argv[1:]:
    for q in json.load(open(f)):
        q["id"] = f.split(".")[0] + "-" + q["id"]
        quiz.append(q)
print(json.dumps({"format": 1, "id": "imported", "title": "Imported", "stage": 0, "version": "1.0.0",
    "exercises": [{"id": "e", "title": "E", "prompt": "e/p.md", "starter": "e/s", "tests": "e/t",
                   "checks": [{"id": "c", "run": ["true"], "points": 1}]}], "quiz": quiz}, indent=1))
PY
"$RR" list pk >list.txt 2>&1 || { cat list.txt; die "the runner rejects the imported quiz"; }
expect_grep "quiz: 18 questions" list.txt

# usage and unreadable input
"$RR" quiz-import >/dev/null 2>err.txt
expect_eq 2 "$?" "missing FILE"
"$RR" quiz-import a.gift b.gift 2>err.txt
expect_eq 2 "$?" "two files"
"$RR" quiz-import --frobnicate x.gift 2>err.txt
expect_eq 2 "$?" "unknown option"
"$RR" quiz-import --help >help.txt
expect_eq 0 "$?" "--help"
expect_grep "usage: roadmap-run quiz-import FILE.gift" help.txt
"$RR" quiz-import missing.gift 2>err.txt
expect_eq 3 "$?" "missing input file"
expect_grep "cannot read 'missing.gift'" err.txt
: >empty.gift
"$RR" quiz-import empty.gift >/dev/null 2>err.txt
expect_eq 3 "$?" "empty input file"
expect_grep "no questions found" err.txt
# -o into a directory that does not exist: exit 4, nothing half-written
"$RR" quiz-import "$FX/http-basics.gift" -o nodir/out.json 2>err.txt
expect_eq 4 "$?" "unwritable output"
expect_grep "cannot write 'nodir/out.json'" err.txt
echo "ok"
