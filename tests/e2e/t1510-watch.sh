# watch: a save regrades that exercise once (a burst of saves is one save),
# off a terminal one line per regrade; on a terminal, keys act and q quits
# leaving the terminal as it was.
set -u
. "$LIB"
export ROADMAP_RUN_HOME="$PWD/home"
mkdir -p packs/tiny/a/starter packs/tiny/a/tests
printf '# A\n\nWrite done.txt holding yes.\n' >packs/tiny/a/prompt.md
echo draft >packs/tiny/a/starter/notes.txt
cat >packs/tiny/pack.json <<'JSON'
{ "format": 1, "id": "tiny", "title": "Tiny", "stage": 0, "version": "1.0.0",
  "exercises": [
  { "id": "a", "title": "First", "prompt": "a/prompt.md", "starter": "a/starter", "tests": "a/tests",
    "hints": ["Write the word yes."],
    "checks": [ { "id": "says-yes", "run": ["sh", "-c", "grep -qx yes done.txt || { echo 'done.txt does not say yes'; exit 1; }"], "points": 1 } ] },
  { "id": "b", "title": "Second", "prompt": "a/prompt.md", "starter": "a/starter", "tests": "a/tests",
    "checks": [ { "id": "file", "run": ["sh", "-c", "test -f b.txt"], "points": 1 } ] } ] }
JSON
export ROADMAP_RUN_PACKS="$PWD/packs"
ws=home/workspaces/tiny
# Wait until FILE has N lines (at most ~20 s).
wait_lines() {
	i=0
	while [ "$(cat "$1" 2>/dev/null | wc -l)" -lt "$2" ]; do
		i=$((i + 1))
		[ $i -lt 200 ] || die "waited for $2 lines in $1: $(cat "$1")"
		sleep 0.1
	done
}
: >watch.out
"$RR" watch tiny </dev/null >>watch.out 2>watch.err &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
wait_lines watch.out 1
expect_grep "^watching " watch.out
# One save, as an editor does it: write a new file, rename it over, chmod.
echo no >$ws/a/.done.txt.tmp && mv $ws/a/.done.txt.tmp $ws/a/done.txt && chmod 644 $ws/a/done.txt
wait_lines watch.out 2
expect_grep "^fail a 0/1 - says-yes: fail: .*done.txt does not say yes" watch.out
echo yes >$ws/a/done.txt
wait_lines watch.out 3
sed -n 3p watch.out | grep -q "^pass a 1/1 (" || die "the fix was not seen: $(cat watch.out)"
# Editor scratch files are not saves.
touch $ws/a/.swp-like.swp $ws/a/done.txt~
sleep 1
expect_eq 3 "$(wc -l <watch.out | tr -d ' ')" "lines after scratch files (one per regrade)"
# The other exercise is graded alone, and the report keeps both.
touch $ws/b/b.txt
wait_lines watch.out 4
expect_grep "^pass b 1/1" watch.out
expect_eq 2 "$(json_get $ws/report.json "r['score']")" "workspace report score after watch"
kill $pid
wait $pid 2>/dev/null
trap - EXIT
[ -s watch.err ] && die "watch printed on stderr: $(cat watch.err)"
# On a terminal: l lists, p shows the prompt, h a hint, q quits cleanly.
if command -v script >/dev/null; then
	(sleep 1; printf 'l'; sleep 0.5; printf 'p'; sleep 0.5; printf 'h'; sleep 0.5; printf 'q') |
		TERM=dumb script -qec "$RR watch tiny" /dev/null >tty.out 2>&1 ||
		die "watch on a terminal: $(cat tty.out)"
	expect_grep "keys: h hint" tty.out
	expect_grep "done .* a " tty.out
	expect_grep "Write done.txt holding yes." tty.out
	expect_grep "hint 1 of 1 for 'a'" tty.out
fi
expect_status 2 "$RR" watch
exit 0
