# Links planted by another hand in the files the runner writes (issue 10,
# class 1). A workspace, a --out tree or a grade --out tree may be filled
# by someone else (a cloned repository, a downloaded CI artifact): every
# name the runner picks there (report.json, the format files, hints.json,
# answers.json, reports/NAME/..., gradebook.csv, the workspace directories)
# must never be written through a symlink, nor may a directory on the way
# to it. Each planted link is refused with exit 4 and a message that names
# it and says it is a symbolic link; its target is left as it was. A path
# the user names (--report FILE, --report /dev/stdout) is still written
# through, as docs/cli.md documents.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

new_pack
add_check ok '["true"]'
run_pack

VICTIM_TEXT="victim-$MARK"
plant_victim() { echo "$VICTIM_TEXT" >"$1"; }
expect_victim() { [ "$(cat "$1")" = "$VICTIM_TEXT" ] || flunk "$2: the link's target '$1' was overwritten"; }
# expect_refused STATUS ERRFILE WHAT LINK: exit 4, and the message names
# LINK as a symbolic link
expect_refused() {
	[ "$1" = 4 ] || { cat "$2" >&2; flunk "$3: expected exit 4, got $1"; }
	grep -F -- "'$4' is a symbolic link" "$2" >/dev/null ||
		{ cat "$2" >&2; flunk "$3: the message does not name '$4' as a symbolic link"; }
}
# An empty directory stays empty: nothing was written through a link to it.
expect_empty() { [ -z "$(ls -A "$1")" ] || { ls -la "$1" >&2; flunk "$2: something was written into '$1'"; }; }

# --- the workspace's report.json -> a shell script elsewhere ------------------------
rm -rf ws && mkdir ws
"$RR" init fx ws >/dev/null || flunk "init failed"
plant_victim victim.sh
ln -s "$PWD/victim.sh" ws/report.json
"$RR" fx --workspace ws --quiet >ws.out 2>ws.err; st=$?
expect_refused $st ws.err "workspace report.json" ws/report.json
expect_victim victim.sh "workspace report.json"
[ -L ws/report.json ] || flunk "the planted link was replaced instead of refused"

# --- a format file under run --out DIR, and a directory on the way ------------------
rm -rf out && mkdir out elsewhere
plant_victim victim.xml
ln -s "$PWD/victim.xml" out/junit.xml
"$RR" fx sub --out out --format json --format junit --quiet >o.out 2>o.err; st=$?
expect_refused $st o.err "--out junit.xml" out/junit.xml
expect_victim victim.xml "--out junit.xml"
[ ! -e out/report.json ] || flunk "--out: the run wrote report.json although it was refused before grading"
rm -f out/junit.xml
ln -s "$PWD/elsewhere" out/gradescope
"$RR" fx sub --out out --format gradescope --quiet >o2.out 2>o2.err; st=$?
expect_refused $st o2.err "--out gradescope/" out/gradescope
expect_empty elsewhere "--out gradescope/"

# --- hints.json, through a planted .roadmap-run directory ---------------------------
rm -rf ws2 elsewhere && mkdir ws2 elsewhere
/usr/bin/python3 - <<'EOF'
import json
p = json.load(open("fx/pack.json"))
p["exercises"][0]["hints"] = ["first hint", "second hint"]
json.dump(p, open("fx/pack.json", "w"))
EOF
"$RR" init fx ws2 >/dev/null || flunk "init ws2 failed"
# init records the workspace's track in .roadmap-run/; plant the link in its place
rm -rf ws2/.roadmap-run
ln -s "$PWD/elsewhere" ws2/.roadmap-run
"$RR" hint fx a --workspace ws2 >h.out 2>h.err; st=$?
expect_refused $st h.err "hint" ws2/.roadmap-run
expect_empty elsewhere "hint"
rm ws2/.roadmap-run && mkdir ws2/.roadmap-run
plant_victim victim.json
ln -s "$PWD/victim.json" ws2/.roadmap-run/hints.json
"$RR" hint fx a --workspace ws2 >h2.out 2>h2.err; st=$?
expect_refused $st h2.err "hints.json" ws2/.roadmap-run/hints.json
expect_victim victim.json "hints.json"

# --- the default workspace: a directory the runner adds below the data home ---------
rm -rf home elsewhere && mkdir -p home elsewhere
ln -s "$PWD/elsewhere" home/workspaces
ROADMAP_RUN_HOME=$PWD/home "$RR" init fx >i.out 2>i.err; st=$?
expect_refused $st i.err "init" "$PWD/home/workspaces"
expect_empty elsewhere "init into the default workspace"
# a workspace exercise directory that is a link is the learner's: left
# alone, never filled from the starter code through the link
rm -rf ws3 elsewhere && mkdir ws3 elsewhere
ln -s "$PWD/elsewhere" ws3/a
"$RR" init fx ws3 >/dev/null 2>&1
expect_empty elsewhere "init over a linked exercise directory"

# --- quiz saves: answers.json in the default workspace --------------------------------
rm -rf home && mkdir home
/usr/bin/python3 - <<'EOF'
import json
p = json.load(open("fx/pack.json"))
p["quiz"] = [{"id": "q1", "type": "bool", "prompt": "Yes?", "answer": True, "explanation": "Yes."}]
json.dump(p, open("fx/pack.json", "w"))
EOF
ROADMAP_RUN_HOME=$PWD/home "$RR" init fx >/dev/null 2>&1
plant_victim victim.ans
ln -s "$PWD/victim.ans" home/workspaces/attacks/answers.json
ROADMAP_RUN_HOME=$PWD/home /usr/bin/python3 "$ROOT/tests/helpers/pty-drive.py" --timeout 20 \
	--log quiz.log 'expect:> ' 'line:y' 'expect:symbolic link' -- "$RR" quiz fx >/dev/null 2>&1; st=$?
grep -F "'$PWD/home/workspaces/attacks/answers.json' is a symbolic link" quiz.log >/dev/null ||
	{ cat quiz.log >&2; flunk "quiz: the message does not name answers.json as a symbolic link"; }
expect_victim victim.ans "quiz answers.json"

# --- grade --out: reports/NAME, reports/NAME/report.json, the gradebook --------------
rm -rf subs grades elsewhere && mkdir -p subs/alice/a grades/reports elsewhere
cp sub/a/* subs/alice/a/ 2>/dev/null
ln -s "$PWD/elsewhere" grades/reports/alice
"$RR" grade fx subs/alice --out grades -j 1 --quiet >g.out 2>g.err; st=$?
expect_empty elsewhere "grade reports/alice"
# A submission's outputs are replaced whole (a staged directory swapped in):
# the planted link is removed, never followed, and the submission graded.
[ -L grades/reports/alice ] && flunk "grade reports/alice: the planted link is still there"
[ -f grades/reports/alice/report.json ] || flunk "grade reports/alice: no report in a real directory"
row=$(sed -n 2p grades/gradebook.csv)
case $row in alice,fail,*|alice,pass,*) ;; *) flunk "grade reports/alice: expected a graded row, got '$row'" ;; esac
plant_victim victim.rep
rm -f grades/reports/alice/report.json
ln -s "$PWD/victim.rep" grades/reports/alice/report.json
"$RR" grade fx subs/alice --out grades -j 1 --format tap --quiet >g2.out 2>g2.err
expect_victim victim.rep "grade report.json"
[ -L grades/reports/alice/report.json ] && flunk "grade report.json: the planted link is still there"
case $(sed -n 2p grades/gradebook.csv) in alice,fail,*|alice,pass,*) ;; *) flunk "grade report.json: the submission was not graded" ;; esac
rm -rf grades && mkdir -p grades elsewhere
ln -s "$PWD/elsewhere" grades/reports
"$RR" grade fx subs/alice --out grades -j 1 --quiet >g3.out 2>g3.err; st=$?
expect_refused $st g3.err "grade reports/" grades/reports
expect_empty elsewhere "grade reports/"
rm -rf grades && mkdir grades
plant_victim victim.csv
ln -s "$PWD/victim.csv" grades/gradebook.csv
"$RR" grade fx subs/alice --out grades -j 1 --quiet >g4.out 2>g4.err; st=$?
expect_refused $st g4.err "gradebook.csv" grades/gradebook.csv
expect_victim victim.csv "gradebook.csv"
rm -rf merged && mkdir merged && ln -s "$PWD/victim.csv" merged/gradebook.csv
rm grades/gradebook.csv && "$RR" grade fx subs/alice --out grades -j 1 --quiet >/dev/null 2>&1
"$RR" merge grades --out merged >m.out 2>m.err; st=$?
expect_refused $st m.err "merge gradebook.csv" merged/gradebook.csv
expect_victim victim.csv "merge gradebook.csv"

# --- what the user names is still written through, as documented ---------------------
plant_victim named.json
ln -s "$PWD/named.json" mine.json
"$RR" fx sub --report mine.json --quiet >/dev/null 2>&1
grep -q '"report_version"' named.json || flunk "--report through the user's own link was not written"
"$RR" fx sub --report /dev/stdout --quiet >stdout.json 2>/dev/null
grep -q '"report_version"' stdout.json || flunk "--report /dev/stdout was not written"
exit 0
