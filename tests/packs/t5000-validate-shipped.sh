# Every pack shipped in exercises/ validates: the reference solution scores
# full marks, starters and wrong solutions do not, no check is vacuous or
# foolable-with-a-warning-only, every check catches a mistake, and the quiz's
# answer keys are sound; and every check's rule is stated in its prompt. Packs are validated in parallel, one per CPU.
set -u
. "$LIB"
jobs=$(nproc 2>/dev/null || echo 2)
ls -d "$ROOT"/exercises/*/ | while read -r p; do
	[ -f "$p/pack.json" ] && basename "$p"
done >packs.txt
[ -s packs.txt ] || die "no packs found in exercises/"
# Each job writes <pack>.out and <pack>.rc; xargs runs $jobs at a time.
export RR ROOT
xargs -P "$jobs" -I{} sh -c '"$RR" validate "$ROOT/exercises/$1" >"$1.out" 2>&1; echo $? >"$1.rc"' sh {} <packs.txt
fail=0; n=0
while read -r name; do
	n=$((n + 1))
	if [ "$(cat "$name.rc" 2>/dev/null)" = 0 ]; then
		echo "ok   $name: $(tail -n 1 "$name.out")"
	else
		echo "FAIL $name"; sed 's/^/    /' "$name.out"; fail=$((fail + 1))
	fi
done <packs.txt
[ "$fail" -eq 0 ] || die "$fail of $n packs do not validate"
# Every check's rule is stated in its prompt (validate warns; shipped packs
# must have no such warning).
if grep -l "whose rule the prompt never states" ./*.out; then
	grep -h "whose rule the prompt never states" ./*.out
	die "a shipped check enforces a rule its prompt does not state"
fi
