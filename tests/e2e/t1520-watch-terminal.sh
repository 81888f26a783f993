# watch, status and prompt on a real terminal (a pty): one save is one
# regrade; Ctrl-C while a check runs stops it at once and leaves nothing
# behind (no process, no directory, the terminal as it was); status and
# prompt read well there.
set -u
. "$LIB"
export ROADMAP_RUN_HOME="$PWD/home" ROADMAP_RUN_PACKS="$PWD/packs"
mkdir -p packs/tiny/a/starter packs/tiny/a/tests tmp
printf '# A\n\nWrite done.txt holding yes.\n' >packs/tiny/a/prompt.md
echo draft >packs/tiny/a/starter/notes.txt
marker="rr-slow-marker-$$"
cat >packs/tiny/pack.json <<JSON
{ "format": 1, "id": "tiny", "stage": 0, "version": "1.0.0",
  "title": "Ünïcödé títle that is much longer than its column",
  "exercises": [
  { "id": "a", "title": "First", "prompt": "a/prompt.md", "starter": "a/starter", "tests": "a/tests",
    "checks": [ { "id": "says-yes", "run": ["sh", "-c", "grep -qx yes done.txt || { echo 'done.txt does not say yes'; exit 1; }"], "points": 1 } ] },
  { "id": "slow", "title": "Slow", "prompt": "a/prompt.md", "starter": "a/starter", "tests": "a/tests", "timeout": 30,
    "checks": [ { "id": "waits", "run": ["sh", "-c", "sleep 20 # $marker"], "points": 1 } ] } ] }
JSON
ws=home/workspaces/tiny
drive() { TMPDIR="$PWD/tmp" /usr/bin/python3 "$ROOT/tests/helpers/pty-drive.py" "$@"; }

# One save on a terminal is one regrade, shown once.
drive --log save.log 'expect:watching' \
	"run:echo no >$ws/a/.t && mv $ws/a/.t $ws/a/done.txt && chmod 644 $ws/a/done.txt" \
	'expect:fail a 0/1' 'sleep:1.5' 'send:q' -- "$RR" watch tiny ||
	die "watch on a terminal: $(cat save.log)"
expect_eq 1 "$(grep -c '^fail a 0/1' save.log)" "regrades shown for one save"
expect_grep "done.txt does not say yes" save.log

# Ctrl-C while a check runs: watch ends with SIGINT's status at once, the
# check's processes and directories are gone, and the terminal is restored.
wait_check='i=0; until pgrep -f '"$marker"' >/dev/null; do i=$((i+1)); [ $i -lt 150 ] || exit 1; sleep 0.1; done'
start=$(date +%s)
drive --log intr.log 'expect:watching' "run:echo x >$ws/slow/x" "run:$wait_check" intr \
	'expect:watch-exit=130' -- sh -c "trap : INT; stty -g >stty.before; $RR watch tiny; echo watch-exit=\$?; stty -g >stty.after" ||
	die "Ctrl-C during a check: $(cat intr.log)"
took=$(( $(date +%s) - start ))
[ "$took" -lt 15 ] || die "Ctrl-C took ${took}s to stop a 20 s check"
sleep 0.3
pgrep -f "$marker" >/dev/null && die "the check outlived Ctrl-C: $(pgrep -af "$marker")"
[ -z "$(ls -A tmp)" ] || die "left behind in TMPDIR after Ctrl-C: $(ls -A tmp)"
cmp -s stty.before stty.after || die "the terminal was not restored: $(cat stty.before) vs $(cat stty.after)"

# status: a long title is cut at a character, with an ellipsis, and the
# columns stay aligned.
drive --log status.log -- "$RR" status || die "status on a terminal: $(cat status.log)"
expect_grep "Ünïcödé títle that is much longer…" status.log
col() { grep "$1" status.log | sed 's/\(\/[0-9]*\)  .*/\1/' | tr -d '\r' | LC_ALL=C.UTF-8 wc -m; }
expect_eq "$(col '^ *0 tiny ')" "$(col '^ *1 fundamentals ')" "width of the columns before the points"
# prompt on a terminal shows the exercise's text.
drive --log prompt.log -- "$RR" prompt tiny a || die "prompt on a terminal: $(cat prompt.log)"
expect_grep "Write done.txt holding yes." prompt.log
exit 0
