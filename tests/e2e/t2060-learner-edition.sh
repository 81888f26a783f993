# The learner edition: no solutions in it, validate says so plainly, it is
# found by name as NAME.tar.gz, and `make install` installs only it.
set -u
. "$LIB"
mkdir -p packs
"$RR" pack "$ROOT/exercises/keep-learning" --learner --quiet -o packs/keep-learning.tar.gz ||
	die "pack --learner failed"
tar tzf packs/keep-learning.tar.gz >list.txt
grep -qE '/(solution|wrong|accept)/' list.txt && die "the learner edition holds solutions: $(grep -E 'solution|wrong|accept' list.txt | head -3)"
"$RR" validate packs/keep-learning.tar.gz >out.txt 2>err.txt; st=$?
expect_eq 3 "$st" "validate of a learner edition"
expect_grep "a learner edition (roadmap-run pack --learner) holds no solutions; validate the author's pack" err.txt
grep -q 'FAIL' out.txt && die "validate reports a failing reference on a learner edition: $(cat out.txt)"
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
