# The check library is kept once, in checklib/, and copied into every pack's
# support/ (make sync-support). A copy that drifted from checklib/, a pack
# without one, or an exercise tests/ file shadowing it fails here.
set -u
. "$LIB"
sh "$ROOT/scripts/sync-support" --check >drift.txt 2>&1 || { cat drift.txt; die "a pack's check library differs from checklib/"; }
# The drift check itself must see a difference: break a copy in a scratch tree.
mkdir -p tree/exercises/p/support tree/checklib tree/scripts
cp "$ROOT/scripts/sync-support" tree/scripts/
printf 'x = 1\n' >tree/checklib/lib.py
printf '{"support": "support"}\n' >tree/exercises/p/pack.json
printf 'x = 2\n' >tree/exercises/p/support/lib.py
sh tree/scripts/sync-support --check >out.txt 2>&1 && die "a drifted copy was not reported"
grep -q 'p: support/lib.py differs from checklib/lib.py' out.txt || die "unexpected report: $(cat out.txt)"
sh tree/scripts/sync-support >/dev/null && sh tree/scripts/sync-support --check >/dev/null || die "sync did not repair the copy"
mkdir -p tree/exercises/p/ex/tests && cp tree/checklib/lib.py tree/exercises/p/ex/tests/lib.py
sh tree/scripts/sync-support --check >out.txt 2>&1 && die "a shadowing tests/lib.py was not reported"
grep -q 'shadows the shared support/lib.py' out.txt || die "unexpected report: $(cat out.txt)"
