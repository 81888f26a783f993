# End-to-end: "roadmap-run quiz" outside a terminal refuses with exit 2 and
# says what to do instead; usage errors exit 2; --help works anywhere.
set -u
. "$LIB"
PACK=$ROOT/tests/fixtures/quiz/pack
ROADMAP_RUN_HOME=$PWD/home
export ROADMAP_RUN_HOME

# no terminal on stdin
"$RR" quiz "$PACK" </dev/null >out.txt 2>err.txt
expect_eq 2 "$?" "exit status without a terminal"
expect_grep "asks its questions on a terminal, and stdin is not one" err.txt
expect_grep "[-][-]answers FILE" err.txt
expect_grep "roadmap-run $PACK SUBMISSION" err.txt
[ -s out.txt ] && die "nothing may go to stdout: $(cat out.txt)"
# nothing was created or saved
[ -e home ] && die "the refused quiz created $(find home)"

# stdout is a pipe (stdin may be a terminal or not: both must be one)
echo 2 | "$RR" quiz "$PACK" 2>err.txt | cat >/dev/null
expect_grep "not one" err.txt

# usage
"$RR" quiz --help >help.txt
expect_eq 0 "$?" "--help"
expect_grep "usage: roadmap-run quiz PACK" help.txt
expect_grep "[-][-]again" help.txt
"$RR" quiz >/dev/null 2>err.txt
expect_eq 2 "$?" "missing PACK"
expect_grep "missing PACK" err.txt
"$RR" quiz "$PACK" --bogus 2>err.txt
expect_eq 2 "$?" "unknown option"
expect_grep "unknown option '--bogus'" err.txt
"$RR" quiz "$PACK" --answers 2>err.txt
expect_eq 2 "$?" "--answers without a value"
"$RR" quiz "$PACK" extra 2>err.txt
expect_eq 2 "$?" "extra argument"

# on a terminal, a pack without a quiz says so; a bad pack is exit 3
mkdir -p noquiz/e/s noquiz/e/t
echo p >noquiz/e/p.md
cat >noquiz/pack.json <<'JSON'
{ "format": 1, "id": "noquiz", "title": "No quiz", "stage": 0, "version": "1.0.0",
  "exercises": [ { "id": "e", "title": "E", "prompt": "e/p.md", "starter": "e/s", "tests": "e/t",
    "checks": [ { "id": "c", "run": ["true"], "points": 1 } ] } ] }
JSON
DRIVE="/usr/bin/python3 $ROOT/tests/helpers/pty-drive.py --timeout 20"
$DRIVE --log noquiz.log 'expect:has no quiz' -- "$RR" quiz noquiz
expect_eq 0 "$?" "pack without a quiz"
sed 's/"answer": 1,/"answer": 3,/' "$PACK/pack.json" >bad.json
cp -R "$PACK" badpack && cp bad.json badpack/pack.json
$DRIVE --log bad.log -- "$RR" quiz badpack
expect_eq 3 "$?" "pack with an unsound answer key"
expect_grep "quiz\[0\].answer: index 3 is out of range" bad.log
echo "ok"
