# The learner edition: no solutions in it nor named in its pack.json,
# validate checks what it can and says what it cannot, it is
# found by name as NAME.tar.gz, and `make install` installs only it.
set -u
. "$LIB"
mkdir -p packs
"$RR" pack "$ROOT/exercises/keep-learning" --learner --quiet -o packs/keep-learning.tar.gz ||
	die "pack --learner failed"
tar tzf packs/keep-learning.tar.gz >list.txt
grep -qE '/(solution|wrong|accept)/' list.txt && die "the learner edition holds solutions: $(grep -E 'solution|wrong|accept' list.txt | head -3)"
# Its pack.json names none of what it leaves out, and says it is a learner edition.
mkdir x && tar xzf packs/keep-learning.tar.gz -C x
/usr/bin/python3 - x/keep-learning/pack.json <<'PYEOF' || die "the learner edition's pack.json names solutions"
import json, sys
p = json.load(open(sys.argv[1]))
assert p["edition"] == "learner", p.get("edition")
for e in p["exercises"]:
    assert not {"solution", "wrong", "accept"} & set(e), e
PYEOF
# validate recognises a learner edition: it runs what can run (the empty
# submission and the starter must not pass), says what it cannot prove,
# and reports no failure that is not there.
. "$ROOT/tests/e2e/pack-fixture.sh"
"$RR" pack fx --learner --quiet -o packs/fixture.tar.gz || die "pack --learner of the fixture failed"
"$RR" validate packs/fixture.tar.gz >out.txt 2>err.txt; st=$?
expect_eq 0 "$st" "validate of a learner edition"
expect_grep "is a learner edition (roadmap-run pack --learner): it holds no reference, wrong or accepted solutions, so the checks are run on the empty submission and the starter only" out.txt
expect_grep "^ok   add: empty 0/[0-9]*, starter [0-9]*/[0-9]*$" out.txt
expect_grep "(learner edition: the checks were not proved against solutions)" out.txt
grep -q 'FAIL\|solution' err.txt && die "validate reports a failure on a learner edition: $(cat err.txt)"
grep -q '\\n' out.txt err.txt && die "a literal \\n in validate's output"
# A vacuous check is still found in a learner edition.
printf 'exit 0\n' >fx/add/tests/check.sh
"$RR" pack fx --learner --quiet -o packs/vacuous.tar.gz
"$RR" validate packs/vacuous.tar.gz >out.txt 2>err.txt; st=$?
expect_eq 3 "$st" "validate of a learner edition with a vacuous check"
expect_grep "vacuous: passes on an empty submission" err.txt
ROADMAP_RUN_PACKS="$PWD/packs" ROADMAP_RUN_HOME="$PWD/home" "$RR" keep-learning -q; st=$?
expect_eq 1 "$st" "grading the starter of the learner edition found by name"
if [ -f "$ROOT/Makefile" ] && [ -w "$ROOT" ] && [ -x "$ROOT/build/roadmap-run" ]; then
	make -s -C "$ROOT" install DESTDIR="$PWD/stage" PREFIX=/usr >make.txt 2>&1 || die "make install: $(cat make.txt)"
	ls stage/usr/share/roadmap-run/exercises/security.tar.gz >/dev/null || die "no installed security pack"
	[ -d stage/usr/share/roadmap-run/exercises/security ] && die "the author's edition was installed"
	tar tzf stage/usr/share/roadmap-run/exercises/security.tar.gz | grep -qE '/(solution|wrong|accept)/' &&
		die "the installed pack holds solutions"
fi
exit 0
