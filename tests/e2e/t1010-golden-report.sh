# One fixture check for every way a check can end (pass, fail, CPU and wall
# timeouts, output flood, crash, missing command, memory, TAP partial and
# early exit, output mismatch and match, refused network, hidden), graded
# through the CLI; the normalised report must equal the expected one.
set -u
. "$LIB"
cp -R "$ROOT/tests/fixtures/golden" g
chmod -R a+rX g
"$RR" g/pack g/submission --report report.json --quiet; st=$?
expect_eq 1 "$st" "exit status"
/usr/bin/python3 "$ROOT/tests/normalize-report.py" report.json >got.normalized
if ! diff -u "$ROOT/tests/e2e/expected/golden-report.json" got.normalized; then
	die "the normalised report differs from tests/e2e/expected/golden-report.json (diff above)"
fi
