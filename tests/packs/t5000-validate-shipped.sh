# Every pack shipped in exercises/ validates: the reference solution scores
# full marks, starters and wrong solutions do not, no check is vacuous, every
# check catches a mistake, and the quiz's answer keys are sound.
set -u
. "$LIB"
fail=0; n=0
for p in "$ROOT"/exercises/*/; do
	[ -f "$p/pack.json" ] || continue
	n=$((n + 1))
	name=$(basename "$p")
	if "$RR" validate "$p" >"$name.out" 2>&1; then
		echo "ok   $name: $(tail -n 1 "$name.out")"
	else
		echo "FAIL $name"; sed 's/^/    /' "$name.out"; fail=$((fail + 1))
	fi
done
[ "$n" -gt 0 ] || die "no packs found in exercises/"
[ "$fail" -eq 0 ] || die "$fail of $n packs do not validate"
