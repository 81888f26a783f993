# t3030: TAP from outside producers (tests/fixtures/tap: node-tap, node
# --test, Test::More, Test2, bats, pytest-tap, tappy, and a few hand-written
# streams from issue reports) is judged by roadmap-run exactly as Perl's
# TAP::Parser judges it, except for the deliberate differences that
# docs/pack-format.md lists. verdicts.tsv pins both readers' verdicts and
# counts; a disagreement without a documented difference fails, and so does
# a documented difference that no longer shows.
. "$LIB"
CORPUS=$ROOT/tests/fixtures/tap
VERDICT=$ROOT/build/tests/test_tap
DOC=$ROOT/docs/pack-format.md
[ -x "$VERDICT" ] || die "$VERDICT is missing (make check-unit builds it)"
perl -MTAP::Parser -e 1 || die "Perl's TAP::Parser is missing"

grep -v '^#' "$CORPUS/verdicts.tsv" >rows.tsv
cut -f1 rows.tsv | sort >pinned.list
(cd "$CORPUS" && ls */*.tap) | sort >present.list
diff pinned.list present.list >/dev/null || {
	diff pinned.list present.list
	die "verdicts.tsv and the .tap files of the corpus do not match"
}
[ "$(wc -l <rows.tsv)" -ge 30 ] || die "the corpus has shrunk"

cd "$CORPUS" || die "cd $CORPUS"
files=$(cut -f1 "$OLDPWD/rows.tsv")
# shellcheck disable=SC2086
"$VERDICT" --verdict $files | cut -f1-4 >"$OLDPWD/rr.tsv" || die "test_tap --verdict failed"
# shellcheck disable=SC2086
perl "$ROOT/tests/consumers/tap_verdict.pl" $files | cut -f1-4 >"$OLDPWD/tp.tsv" ||
	die "tap_verdict.pl failed"
# Without the version line rewritten, TAP::Parser refuses every TAP 14
# stream: the "version-14" difference, pinned here.
v14=$(grep -l '^TAP version 14' $files)
[ -n "$v14" ] || die "no TAP version 14 stream in the corpus"
# shellcheck disable=SC2086
perl "$ROOT/tests/consumers/tap_verdict.pl" --as-is $v14 >"$OLDPWD/v14.tsv" || die "tap_verdict.pl --as-is"
cd "$OLDPWD" || die "cd back"
while IFS='	' read -r f verdict ran failed error; do
	case $error in *"specified version 14"*) ;; *) die "$f: TAP::Parser now reads TAP version 14 ($verdict, $error): update the version-14 difference" ;; esac
done <v14.tsv
grep -q '`version-14`' "$DOC" || die "docs/pack-format.md does not document version-14"

bad=0
while IFS='	' read -r f rr_v rr_ran rr_failed tp_v tp_ran tp_failed why; do
	got_rr=$(grep -F "$f	" rr.tsv | cut -f2-4 | tr '\t' ' ')
	got_tp=$(grep -F "$f	" tp.tsv | cut -f2-4 | tr '\t' ' ')
	if [ "$got_rr" != "$rr_v $rr_ran $rr_failed" ]; then
		echo "not ok: $f: roadmap-run says '$got_rr', verdicts.tsv pins '$rr_v $rr_ran $rr_failed'" >&2
		bad=1
	fi
	if [ "$got_tp" != "$tp_v $tp_ran $tp_failed" ]; then
		echo "not ok: $f: TAP::Parser says '$got_tp', verdicts.tsv pins '$tp_v $tp_ran $tp_failed'" >&2
		bad=1
	fi
	if [ "$why" = - ]; then
		[ "$rr_v $rr_ran $rr_failed" = "$tp_v $tp_ran $tp_failed" ] || {
			echo "not ok: $f: the readers disagree and no difference explains it" >&2
			bad=1
		}
	else
		[ "$rr_v $rr_ran $rr_failed" != "$tp_v $tp_ran $tp_failed" ] || {
			echo "not ok: $f: difference '$why' is pinned but the readers agree" >&2
			bad=1
		}
		grep -q "\`$why\`" "$DOC" || {
			echo "not ok: $f: difference '$why' is not documented in docs/pack-format.md" >&2
			bad=1
		}
	fi
done <rows.tsv
[ $bad = 0 ] || die "the corpus verdicts changed"
# The verdict that matters most: no stream passes here that TAP::Parser
# fails, except by a documented difference.
agree=$(awk -F'\t' '$8 == "-"' rows.tsv | wc -l)
echo "# $agree of $(wc -l <rows.tsv) corpus files judged alike by roadmap-run and TAP::Parser"
exit 0
