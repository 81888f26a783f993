# Bad input: submissions that are not what they should be. A SUBMISSION
# that is not a directory is refused (exit 3); an exercise directory that
# cannot be copied safely (a file, a symlink, too big, too many files, too
# deep, unreadable) is not graded: its checks get status "error" with a
# message naming the path, a warning says so on stderr, and the rest is
# graded (exit 1). Special files, links and odd names inside are handled
# without hanging, leaking or breaking the report. The submission is
# never changed.
set -u
. "$LIB"
. "$ROOT/tests/e2e/robust-lib.sh"

# Which checks of report out.txt have which status and message.
statuses() { json_get out.txt '" ".join(c["status"] for e in r["exercises"] for c in e["checks"])'; }
messages() { json_get out.txt '"\n".join(c["message"] for e in r["exercises"] for c in e["checks"])'; }

# --- SUBMISSION itself ---------------------------------------------------------------
echo "a file" >afile
rr_expect 3 "submission 'nope': no such directory" fx nope
rr_expect 3 "submission 'afile' is not a directory; it must hold one directory per exercise" fx afile
rr_expect 3 "submission '/dev/null' is not a directory" fx /dev/null
mkfifo subfifo
RR_TIMEOUT=20 rr_expect 3 "submission 'subfifo' is not a directory" fx subfifo
rr_expect 3 "submission '': no such directory" fx ""
# A symlink named on the command line is followed, like any path argument.
ln -s good goodlink
rr_expect 0 "" fx goodlink --quiet

# --- the exercise directory ------------------------------------------------------------
mkdir -p s-file && echo "x" >s-file/add
rr_expect 1 "warning: exercise 'add' not graded: 's-file/add' must be a directory holding the exercise's files" fx s-file --report - --quiet
expect_eq "error error" "$(statuses)" "checks of an exercise that is a file"
json_get out.txt 'r["exercises"][0]["checks"][0]["message"]' | grep -q "'s-file/add' must be a directory" || die "message not in the report"
mkdir -p s-link && ln -s /etc s-link/add
rr_expect 1 "exercise 'add' not graded: 's-link/add' is a symbolic link; the grader never follows links" fx s-link --report - --quiet
expect_eq "error error" "$(statuses)" "checks of an exercise that is a symlink"
mkdir -p s-link2 && ln -s ../good/add s-link2/add
rr_expect 1 "'s-link2/add' is a symbolic link" fx s-link2 --report - --quiet
mkdir -p s-dev && ln -s /dev/zero s-dev/add
RR_TIMEOUT=20 rr_expect 1 "'s-dev/add' is a symbolic link" fx s-dev --report - --quiet
# An exercise directory that is missing is graded as empty (not an error).
mkdir -p s-empty
rr_expect 1 "" fx s-empty --report - --quiet
expect_eq "fail fail" "$(statuses)" "a missing exercise directory is graded as empty"

# --- sizes: a sparse file must not be copied into every check -------------------------------
mkdir -p s-big/add && cp good/add/add.sh s-big/add/
truncate -s 200M s-big/add/big.bin
t0=$(date +%s)
RR_TIMEOUT=30 rr_expect 1 "'s-big/add' holds more than 128 MiB, too much to copy into each check \(the largest file is 'big\.bin', 200\.0 MiB\)" fx s-big --report - --quiet
expect_eq "error error" "$(statuses)" "checks of a too big exercise"
truncate -s 1T s-big/add/big.bin
RR_TIMEOUT=30 rr_expect 1 "the largest file is 'big\.bin', 1048576\.0 MiB" fx s-big --report - --quiet
[ $(( $(date +%s) - t0 )) -le 10 ] || die "refusing a sparse file took more than 10 s"
rm s-big/add/big.bin
# Just under the cap is graded.
mkdir -p s-ok/add && cp good/add/add.sh s-ok/add/ && truncate -s 2M s-ok/add/data.bin
rr_expect 0 "" fx s-ok --quiet
# Too many files, too deep.
mkdir -p s-many/add && cp good/add/add.sh s-many/add/
(cd s-many/add && seq 1 20001 | sed 's/^/f/' | xargs touch)
rr_expect 1 "'s-many/add' holds more than 20000 files and directories" fx s-many --report - --quiet
rm -rf s-many
mkdir -p s-deep/add && cp good/add/add.sh s-deep/add/
(cd s-deep/add && mkdir -p "$(printf 'd/%.0s' $(seq 70))")
rr_expect 1 "'s-deep/add/d(/d)*' is nested deeper than 64 directories" fx s-deep --report - --quiet
rm -rf s-deep

# --- what is inside: special files, links, odd names -------------------------------------------
# A pack whose check shows what it got, and tries to read through links.
rm -rf lp && cp -R fx lp
/usr/bin/python3 -c '
import json
p = json.load(open("lp/pack.json"))
p["exercises"][0]["checks"] = [{"id": "show", "points": 1,
  "run": ["sh", "-c", "ls -la; cat leak-abs leak-rel loop-a 2>&1; sh add.sh 2 3"]}]
json.dump(p, open("lp/pack.json", "w"))'
echo "TOPSECRET-$$" >secret.txt
mkdir -p s-odd/add && cp good/add/add.sh s-odd/add/
mkfifo s-odd/add/fifo
ln -s "$SCRATCH/secret.txt" s-odd/add/leak-abs
ln -s ../../secret.txt s-odd/add/leak-rel
ln -s loop-b s-odd/add/loop-a && ln -s loop-a s-odd/add/loop-b
ln -s loop-self s-odd/add/loop-self
touch "s-odd/add/$(printf 'new\nline')" "s-odd/add/$(printf 'bad-\377\376-utf8')" "s-odd/add/$(printf 'esc-\033[31m-red')"
find s-odd -exec ls -ld {} + | md5sum >before.md5
RR_TIMEOUT=30 rr_expect 0 "" lp s-odd --report - --quiet
json_valid out.txt
grep -q "TOPSECRET" out.txt && die "a check read a file outside the submission through a symlink"
json_get out.txt 'r["exercises"][0]["checks"][0]["output"]' | grep -q "^5$" || die "the check did not run normally"
find s-odd -exec ls -ld {} + | md5sum | cmp -s - before.md5 || die "the submission was changed"
# The same with the summary on a terminal-like stdout: no raw escape from
# a file name reaches it (names are printed by the check, inside output).
RR_TIMEOUT=30 rr_expect 0 "" lp s-odd

# Unreadable files and directories (permissions bind only a user that is
# not root; `make check` runs this suite again as uid 65534). The runner may
# still read its own user's files (in its user namespace it holds
# CAP_DAC_OVERRIDE over them), so either the exercise is graded, or it is
# not and the message names the file.
if [ "$(id -u)" -ne 0 ]; then
	mkdir -p s-unread/add && cp good/add/add.sh s-unread/add/ && echo x >s-unread/add/secret
	chmod 000 s-unread/add/secret
	rr_expect "0|1" "" fx s-unread --report - --quiet
	[ "$(statuses)" = "pass pass" ] || grep -q "cannot read 's-unread/add/secret': Permission denied" err.txt ||
		die "an unreadable file was neither copied nor named: $(cat err.txt)"
	chmod 644 s-unread/add/secret && mkdir s-unread/add/sub && chmod 000 s-unread/add/sub
	rr_expect "0|1" "" fx s-unread --report - --quiet
	[ "$(statuses)" = "pass pass" ] || grep -q "cannot read 's-unread/add/sub': Permission denied" err.txt ||
		die "an unreadable directory was neither copied nor named: $(cat err.txt)"
	chmod 755 s-unread/add/sub
fi
exit 0
