# The worked example in docs/pack-format.md works as written: extract the
# script between its markers and run it with roadmap-run on PATH.
set -u
. "$LIB"
sed -n '/<!-- worked-example:start -->/,/<!-- worked-example:end -->/p' "$ROOT/docs/pack-format.md" |
	sed -e '1,2d' -e '$d' | sed '$d' >example.sh
grep -q "roadmap-run validate greeting" example.sh || die "could not extract the worked example"
mkdir bin && ln -s "$RR" bin/roadmap-run
PATH=$PWD/bin:$PATH sh -e example.sh >out.txt 2>&1 || { cat out.txt; die "the worked example fails"; }
expect_grep "ok   hello: solution 3/3, empty 0/3, starter 0/3, wrong/injects-todo 0/3, wrong/no-name 0/3, accept/f-string 3/3" out.txt
expect_grep "0 problems, 0 warnings" out.txt
[ -s greeting-1.0.0.tar.gz ] && [ -s greeting-1.0.0-learner.tar.gz ] || die "the archives were not written"
tar -tzf greeting-1.0.0-learner.tar.gz | grep -qE "solution|/accept/" && die "the learner archive holds a solution"
exit 0
