# The quiz's line editor, driven through a pseudo-terminal: Home and the
# arrows move, backspace and Delete remove, up recalls an earlier answer,
# an unknown escape sequence leaves nothing in the answer, an NFD answer
# and a case-folded one are accepted, and Ctrl-C mid-line leaves nothing
# behind but the answers already saved.
set -u
. "$LIB"
DRIVE="/usr/bin/python3 $ROOT/tests/helpers/pty-drive.py --timeout 20"
mkdir -p p/e/starter p/e/tests home tmp
echo "Nothing." >p/e/prompt.md
cat >p/pack.json <<'JSON'
{ "format": 1, "id": "ed", "title": "Ed", "stage": 1, "version": "1.0.0",
  "exercises": [ { "id": "e", "title": "E", "prompt": "e/prompt.md", "starter": "e/starter", "tests": "e/tests",
    "checks": [ { "id": "c", "run": ["true"], "points": 1 } ] } ],
  "quiz": [
   { "id": "who", "type": "text", "prompt": "Who?", "accept": ["Zo\u00eb"], "explanation": "Zoe." },
   { "id": "street", "type": "text", "prompt": "Street?", "accept": ["stra\u00dfe"], "explanation": "Street." },
   { "id": "again", "type": "text", "prompt": "Street twice?", "accept": ["strasse 2"], "explanation": "Again." },
   { "id": "abc", "type": "text", "prompt": "Letters?", "accept": ["abc"], "case_sensitive": true, "explanation": "ABC." },
   { "id": "last", "type": "text", "prompt": "Last?", "accept": ["z"], "explanation": "Z." } ] }
JSON
chmod -R a+rX .
export ROADMAP_RUN_HOME=$PWD/home TMPDIR=$PWD/tmp
answers=$PWD/home/workspaces/ed/answers.json
ESC=$(printf '\033')
LEFT="$ESC[D" HOME_KEY="$ESC[H" END_KEY="$ESC[F" UP="$ESC[A" DEL="$ESC[3~" F5="$ESC[15~"
BS=$(printf '\177')
NFD_E=$(printf 'e\314\210') # e + U+0308 COMBINING DIAERESIS

$DRIVE --log run.log \
	'expect:Who\?.*> ' "send:o$NFD_E" "send:$HOME_KEY" 'send:Z' 'line:' \
	'expect:Right!.*Street\?.*> ' 'send:STRASE' "send:$LEFT$LEFT" 'send:S' 'line:' \
	'expect:Right!.*Street twice\?.*> ' "send:$UP" "send:$HOME_KEY$END_KEY" 'send: 2' 'line:' \
	'expect:Right!.*Letters\?.*> ' 'send:abxcd' "send:$BS" "send:$LEFT$LEFT$DEL" "send:$F5" 'line:' \
	'expect:Right!.*Last\?.*> ' 'send:half-typ' 'intr' \
	-- "$RR" quiz p
st=$?
expect_eq 130 "$st" "exit status after Ctrl-C ($(tail -5 run.log))"
expect_eq 4 "$(grep -c 'Right!' run.log)" "right answers"
expect_eq '{"who": "Zoe\u0308", "street": "STRASSE", "again": "STRASSE 2", "abc": "abc"}' \
	"$(json_get "$answers" 'r["answers"]')" "saved answers: as typed, no escape sequence in them"
expect_grep 'Interrupted. 4 of 5 questions are answered' run.log
# Nothing left behind: no temporary file, no partial answer saved, and the
# terminal got its settings back (the driver's pty is gone; the saved
# answers are the whole state).
[ -z "$(ls -A tmp)" ] || die "temporary files left: $(ls -A tmp)"
ls -A "$(dirname "$answers")" | grep -v -e '^answers.json$' -e '^e$' -e '^\.roadmap-run$' >left.txt
[ ! -s left.txt ] || die "files left in the workspace: $(cat left.txt)"
grep -q 'half-typ' "$answers" && die "a half-typed answer was saved"

# The answers grade as the quiz said.
"$RR" p "$(dirname "$answers")" --report r.json >/dev/null 2>&1
expect_eq 4 "$(json_get r.json 'r["quiz"]["score"]')" "graded quiz score"
exit 0
