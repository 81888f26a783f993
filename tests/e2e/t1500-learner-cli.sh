# The learner's way in: packs by name, help and typos, prompt, status, colour.
set -u
. "$LIB"
export ROADMAP_RUN_HOME="$PWD/home"
# A small pack named golden: one exercise, one check that the starter fails.
mkdir -p packs/golden/hello/starter packs/golden/hello/tests
printf '# Say hello\n\nWrite hello.txt.\n' >packs/golden/hello/prompt.md
echo draft >packs/golden/hello/starter/notes.txt
cat >packs/golden/pack.json <<'JSON'
{ "format": 1, "id": "golden", "title": "Hello", "stage": 0, "version": "1.0.0",
  "exercises": [ { "id": "hello", "title": "Say hello", "prompt": "hello/prompt.md",
    "starter": "hello/starter", "tests": "hello/tests",
    "hints": ["Create a file."],
    "checks": [ { "id": "file", "run": ["sh", "-c", "test -f hello.txt"], "points": 1 } ] },
  { "id": "bye", "title": "Say bye", "prompt": "hello/prompt.md",
    "starter": "hello/starter", "tests": "hello/tests",
    "checks": [ { "id": "file", "run": ["sh", "-c", "test -f bye.txt"], "points": 1 } ] } ] }
JSON
# A bare name is found through ROADMAP_RUN_PACKS; a path is never reinterpreted.
ROADMAP_RUN_PACKS="$PWD/nowhere:$PWD/packs" "$RR" list golden >list.txt 2>&1 ||
	die "list by name: $(cat list.txt)"
expect_grep "golden" list.txt
expect_status 3 "$RR" list ./golden >/dev/null 2>&1
# The checkout's exercises/ are found from the binary's place (build/..),
# when the binary is a checkout's build.
if [ -d "$(dirname "$RR")/../exercises/security" ]; then
	"$RR" list security >sec.txt 2>&1 || die "list security by name: $(cat sec.txt)"
fi
# An unknown name lists the known ones and the closest.
ROADMAP_RUN_PACKS="$PWD/packs" "$RR" list goldne >err.txt 2>&1; st=$?
expect_eq 3 "$st" "unknown pack name exit status"
expect_grep "did you mean 'golden'" err.txt
expect_grep "known packs:.* golden" err.txt
# A typo of a command is not taken as a pack.
"$RR" lsit >err.txt 2>&1; st=$?
expect_eq 2 "$st" "'lsit' exit status"
expect_grep "did you mean 'list'" err.txt
"$RR" help >help.txt 2>&1 || die "help: $(cat help.txt)"
expect_grep "^  status " help.txt
"$RR" help prompt >help.txt 2>&1 || die "help prompt"
expect_grep "usage: roadmap-run prompt" help.txt
expect_status 2 "$RR" help no-such-command
# prompt: the task text, and the exercise ids when the id is wrong.
ROADMAP_RUN_PACKS="$PWD/packs" "$RR" prompt golden hello >prompt.txt 2>&1 || die "prompt: $(cat prompt.txt)"
expect_grep "^Write hello.txt." prompt.txt
ROADMAP_RUN_PACKS="$PWD/packs" "$RR" prompt golden nope >err.txt 2>&1; st=$?
expect_eq 2 "$st" "prompt of an unknown exercise"
expect_grep "it has: " err.txt
ROADMAP_RUN_PACKS="$PWD/packs" "$RR" hint golden nope >err.txt 2>&1
expect_grep "it has: " err.txt
# status reads the saved reports and grades nothing.
ROADMAP_RUN_PACKS="$PWD/packs" "$RR" status >status.txt 2>&1 || die "status: $(cat status.txt)"
expect_grep "golden .* never" status.txt
expect_grep "^next: golden" status.txt
[ ! -e home/workspaces ] || die "status created a workspace"
ROADMAP_RUN_PACKS="$PWD/packs" "$RR" golden -q >/dev/null 2>&1
ROADMAP_RUN_PACKS="$PWD/packs" "$RR" status >status.txt 2>&1
grep -q "golden .* never" status.txt && die "status does not see the graded workspace: $(cat status.txt)"
# A partial run says so, never claims full marks, and updates only its
# exercise in the workspace's report.
echo hi >home/workspaces/golden/hello/hello.txt
ROADMAP_RUN_PACKS="$PWD/packs" "$RR" golden --exercise hello >out.txt 2>&1; st=$?
expect_eq 0 "$st" "partial run of a passing exercise"
expect_grep "partial run" out.txt
grep -q "full marks" out.txt && die "a partial run claims full marks: $(cat out.txt)"
r=home/workspaces/golden/report.json
expect_eq 1 "$(json_get "$r" "r['score']")" "merged workspace score"
expect_eq 2 "$(json_get "$r" "r['max_score']")" "merged workspace max_score"
expect_eq null "$(json_get "$r" "r.get('partial')")" "merged report's partial flag"
# --pass-mark on run: the workspace scores 1 of 2.
ROADMAP_RUN_PACKS="$PWD/packs" "$RR" golden -q --pass-mark 50; st=$?
expect_eq 0 "$st" "run --pass-mark 50 at 1/2"
ROADMAP_RUN_PACKS="$PWD/packs" "$RR" golden -q --pass-mark 50.5; st=$?
expect_eq 1 "$st" "run --pass-mark 50.5 at 1/2"
expect_status 2 "$RR" golden --pass-mark 101
# Colour: never when asked or on TERM=dumb; always when asked.
esc=$(printf '\033')
ROADMAP_RUN_PACKS="$PWD/packs" "$RR" golden --color=always >out.txt 2>&1
grep -q "$esc\[" out.txt || die "--color=always gives no colour"
ROADMAP_RUN_PACKS="$PWD/packs" "$RR" golden --color never >out.txt 2>&1
grep -q "$esc" out.txt && die "--color never coloured"
if command -v script >/dev/null; then
	ROADMAP_RUN_PACKS="$PWD/packs" TERM=dumb script -qec "$RR golden" /dev/null >out.txt 2>&1
	grep -q "$esc\[3" out.txt && die "TERM=dumb still coloured"
	ROADMAP_RUN_PACKS="$PWD/packs" TERM=xterm script -qec "$RR golden" /dev/null >out.txt 2>&1
	grep -q "$esc\[3" out.txt || die "a terminal got no colour"
fi
expect_status 2 "$RR" golden --color=sometimes
# One failure shown once: two checks failing for the same reason, and a
# long message cut to its first failure unless --verbose.
mkdir -p packs2/rep/e/starter packs2/rep/e/tests
echo '# E' >packs2/rep/e/prompt.md
cat >packs2/rep/e/tests/t.sh <<'SH'
echo 1..$1
i=1; while [ $i -le $1 ]; do echo "not ok $i - importing the module failed"; echo "  # SyntaxError line $i"; i=$((i + 1)); done
SH
cat >packs2/rep/pack.json <<'JSON'
{ "format": 1, "id": "rep", "title": "Repeats", "stage": 0, "version": "1.0.0",
  "exercises": [ { "id": "e", "title": "E", "prompt": "e/prompt.md", "starter": "e/starter", "tests": "e/tests",
    "checks": [ { "id": "one", "run": ["sh", "tests/t.sh", "5"], "kind": "tap", "points": 1 },
                { "id": "two", "run": ["sh", "tests/t.sh", "7"], "kind": "tap", "points": 1 } ] } ] }
JSON
"$RR" packs2/rep packs2/rep/e --color=never >rep.txt 2>&1
expect_grep "the same failure as 'one' in e" rep.txt
expect_grep "more lines: --verbose shows them" rep.txt
expect_eq 1 "$(grep -c 'SyntaxError line 1' rep.txt)" "times the first failure is shown"
"$RR" packs2/rep packs2/rep/e --color=never --verbose >rep.txt 2>&1
grep -q "same failure" rep.txt && die "--verbose collapsed a message"
expect_grep "SyntaxError line 3" rep.txt
exit 0
