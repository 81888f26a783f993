# roadmap-run pack --learner leaves out every exercise's solution, wrong and
# accept directories, and the learner archive is still a valid pack that grades.
set -u
. "$LIB"
. "$ROOT/tests/e2e/pack-fixture.sh"
# An accepted alternative is a solution too: authors only.
mkdir -p fx/add/accept/with-expr
printf '#!/bin/sh\nexpr "$1" + "$2"\n' >fx/add/accept/with-expr/add.sh
sed -i 's|"wrong": "add/wrong",|"wrong": "add/wrong", "accept": "add/accept",|' fx/pack.json

expect_status 0 "$RR" pack fx -o full.tar.gz --quiet
expect_status 0 "$RR" pack fx -o learner.tar.gz --learner --quiet
tar -tzf full.tar.gz >full.txt
tar -tzf learner.tar.gz >learner.txt
expect_grep 'fixture/add/solution/add.sh' full.txt
expect_grep 'fixture/add/wrong/off-by-one/add.sh' full.txt
expect_grep 'fixture/add/accept/with-expr/add.sh' full.txt
grep -E '/(solution|wrong|accept)(/|$)' learner.txt && die "learner archive still holds solutions"
# Everything else is kept.
grep -v -E '/(solution|wrong|accept)(/|$)' full.txt >full-minus.txt
cmp full-minus.txt learner.txt || die "learner archive lost more than solution/, wrong/ and accept/"
# Reproducible too.
expect_status 0 "$RR" pack fx -o learner2.tar.gz --learner --quiet
cmp learner.tar.gz learner2.tar.gz || die "two learner packs differ"

# The learner archive loads and grades like the directory.
"$RR" list learner.tar.gz >list.txt 2>&1 || { cat list.txt >&2; die "learner archive does not load"; }
expect_grep 'fixture 1.2.3' list.txt
"$RR" learner.tar.gz good --report learner.json --quiet; st=$?
"$RR" fx good --report dir.json --quiet; st2=$?
expect_eq "$st2" "$st" "exit status, learner archive vs directory"
expect_eq "$(json_get dir.json 'r["score"]')" "$(json_get learner.json 'r["score"]')" "score"

# Without --learner, the output says what was written.
"$RR" pack fx -o said.zip >out.txt 2>&1 || die "pack failed"
expect_grep "wrote 'said.zip': fixture 1.2.3, zip" out.txt
"$RR" pack fx -o said.zip --learner >out.txt 2>&1 || die "pack failed"
expect_grep "learner edition" out.txt
"$RR" pack fx -o quiet.zip --quiet >out.txt 2>&1 || die "pack failed"
expect_eq "" "$(cat out.txt)" "--quiet output"
