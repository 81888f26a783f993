# t3000: every report format, rendered from fixture reports (all statuses,
# hostile text, planted secrets in hidden checks, a quiz, an ungraded
# report; named *.report, not *.json, because they are deliberately not
# what report.c writes and the schema suite collects *.json), is read by
# the consumer CI systems use and understood as the report says:
# junitparser, prove / TAP::Parser, jsonschema with the Gradescope and
# Exercism schemas. The renderer is driven through
# build/tests/test_formats --render, so this runs without a sandbox;
# t3001 does the same through the real CLI.
. "$LIB"
PY=/usr/bin/python3
CHECK="$PY $ROOT/tests/consumers/check_format.py"
RENDER=$ROOT/build/tests/test_formats
[ -x "$RENDER" ] || die "$RENDER is missing (make check-unit builds it)"

$PY "$ROOT/tests/consumers/make_reports.py" . || die "cannot write fixture reports"
$CHECK selftest-schemas || die "a schema accepts documents the spec forbids"

for rep in mixed full error; do
	for f in junit tap gradescope exercism; do
		"$RENDER" --render $f $rep.report >$rep.$f || die "render $f of $rep.report"
		$CHECK $f $rep.$f $rep.report || die "$f consumer disagrees with $rep.report"
	done
done

"$RENDER" --render gradescope mixed.report after_published >published.gradescope ||
	die "render gradescope with after_published"
$CHECK gradescope published.gradescope mixed.report --hidden-visibility after_published ||
	die "gradescope after_published"

# prove itself: exit 0 on a full score, non-zero on failures, and never a
# parse error (bounded, in case a YAML block sends TAP::Parser astray).
run_prove() { (ulimit -v 1048576; timeout 60 prove -e cat "$1") >prove.out 2>&1; }
run_prove full.tap || { cat prove.out; die "prove rejects a full-score report"; }
expect_grep "Result: PASS" prove.out
for rep in mixed error; do
	run_prove $rep.tap && { cat prove.out; die "prove passes the '$rep' report"; }
	grep -q "Parse errors" prove.out && { cat prove.out; die "prove: parse errors in $rep.tap"; }
	expect_grep "Result: FAIL" prove.out
done
run_prove mixed.tap
expect_grep "Failed 12/15 subtests" prove.out
exit 0
