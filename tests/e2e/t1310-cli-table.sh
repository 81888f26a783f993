# The command line is one table (runner/cli/command_table.c): the man page
# in the tree is what it generates, the completions are valid and complete
# from it, every command takes -q and --version, and "-" is stdin or stdout
# wherever a command takes a file.
set -u
. "$LIB"
. "$ROOT/tests/e2e/pack-fixture.sh"

# --- the man page and the completions ---------------------------------------------------
"$RR" help --man >man.1 || die "help --man failed"
diff -u "$ROOT/docs/roadmap-run.1" man.1 >man.diff ||
	die "docs/roadmap-run.1 is not what the command table gives; run: build/roadmap-run help --man >docs/roadmap-run.1
$(head -20 man.diff)"
if command -v groff >/dev/null; then
	groff -man -ww -z man.1 2>groff.txt; [ -s groff.txt ] && die "groff warns: $(head -5 groff.txt)"
fi
for sh in bash zsh fish; do
	"$RR" help --completion $sh >comp.$sh || die "help --completion $sh failed"
done
bash -n comp.bash || die "the bash completion does not parse"
command -v zsh >/dev/null && { zsh -n comp.zsh || die "the zsh completion does not parse"; }
command -v fish >/dev/null && { fish -n comp.fish || die "the fish completion does not parse"; }
expect_status 2 "$RR" help --completion tcsh
# Complete as bash would: COMP_WORDS and COMP_CWORD, the answer in COMPREPLY.
complete_words() {
	bash -c '. ./comp.bash; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _roadmap_run; printf "%s\n" "${COMPREPLY[@]}"' _ "$@"
}
PATH=$(dirname "$RR"):$PATH
export PATH
complete_words roadmap-run li | grep -qx list || die "bash: 'li' does not complete to list"
complete_words roadmap-run grade fx --sh | grep -qx -- --shard || die "bash: no --shard for grade"
complete_words roadmap-run fx good --for | grep -qx -- --format || die "bash: no --format for run"
complete_words roadmap-run fx --format ju | grep -qx junit || die "bash: --format values"
complete_words roadmap-run pack fx --format tar.x | grep -qx tar.xz || die "bash: pack --format values"
complete_words roadmap-run quiz --ag | grep -qx -- --again || die "bash: no --again for quiz"
complete_words roadmap-run help --m | grep -q . && die "bash: a hidden option is completed"
ROADMAP_RUN_PACKS=$PWD complete_words roadmap-run watch f | grep -qx fx || die "bash: pack names"

# --- every command: --version, and -q is accepted --------------------------------------
for cmd in run watch status prompt quiz hint list init validate pack quiz-import grade merge report help; do
	out=$("$RR" $cmd --version) || die "'$cmd --version' failed"
	expect_eq "roadmap-run $("$RR" --version | cut -d' ' -f2)" "$out" "'$cmd --version'"
	"$RR" $cmd -q --help >/dev/null || die "'$cmd -q' is not an option"
done

# --- "-": stdout and stdin ------------------------------------------------------------
"$RR" pack fx -o - --quiet >fx.tgz </dev/null || die "pack -o - failed"
tar tzf fx.tgz | grep -q "^fixture/pack.json$" || die "pack -o - wrote no archive"
"$RR" pack fx -o file.tgz --quiet
cmp -s fx.tgz file.tgz || die "pack -o - differs from pack -o FILE"
"$RR" pack fx -o - >/dev/null 2>err.txt; expect_eq 0 $? "pack -o - with its summary"
expect_grep "wrote the archive to stdout" err.txt
"$RR" fx good --report - --quiet >report.json; expect_eq 0 $? "--report -"
json_valid() { /usr/bin/python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$1"; }
json_valid report.json || die "--report - is not JSON"
# merge -: a gradebook on stdin
"$RR" grade fx good --out g1 --quiet || die "grade failed"
"$RR" merge - --out g2 --quiet <g1/gradebook.jsonl || die "merge - failed"
cmp -s g1/gradebook.jsonl g2/gradebook.jsonl || die "merge - changed the gradebook"
expect_status 2 "$RR" merge - - --out g3
# --answers -: quiz answers on stdin
mkdir -p qz/add/tests && cp -R fx/add qz/
cat >qz/pack.json <<'JSON'
{ "format": 1, "id": "qz", "title": "Q", "stage": 1, "version": "1.0.0",
  "exercises": [ { "id": "add", "title": "Add", "prompt": "add/prompt.md", "starter": "add/starter",
      "tests": "add/tests", "checks": [ { "id": "sum", "run": ["sh", "tests/check.sh"], "points": 1 } ] } ],
  "quiz": [ { "id": "q1", "type": "bool", "prompt": "1 + 1 = 2?", "answer": true, "explanation": "." } ] }
JSON
echo '{ "format": 1, "answers": { "q1": true } }' | "$RR" qz good --answers - --report r.json --quiet; expect_eq 0 $? "--answers - with the right answer"
echo '{ "format": 1, "answers": { "q1": false } }' | "$RR" qz good --answers - --report r.json --quiet; expect_eq 1 $? "--answers - with a wrong answer"
# quiz-import - and -o -
printf '::q:: 1 + 1 = 2 {T}\n' | "$RR" quiz-import - -o - --quiet >q.json || die "quiz-import - -o - failed"
json_valid q.json || die "quiz-import -o - is not JSON"
# report -o -
"$RR" report g1 -o - --quiet >page.html || die "report -o - failed"
grep -q "<html" page.html || die "report -o - wrote no page"
exit 0
