# Batch entries that point outside (issue 10, class 2). In a
# `grade --submissions-dir`, and among the SUBMISSION arguments of a
# batch, only a real directory is a submission: an entry that is a
# symbolic link (here to a directory only the grader may read, holding a
# secret), a file or a FIFO becomes an `error` row whose message says why,
# and nothing behind the link reaches any report. Inside a submission, an
# exercise directory that is a link is named as a link in its checks'
# messages, not graded as if it were empty.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

new_pack
# The check shows whatever the exercise directory holds.
add_check show '["sh", "-c", "cat secret.txt 2>/dev/null; ls"]'
run_pack

SECRET="grader-only-$MARK"
rm -rf subs private grades && mkdir -p subs/alice/a private/a
cp sub/a/attack subs/alice/a/
echo "$SECRET" >private/a/secret.txt
chmod 700 private
ln -s "$PWD/private" subs/mallory
echo "not a submission" >subs/notes.txt
mkfifo subs/pipe
# an exercise directory that is a link, inside a real submission
mkdir -p subs/eve
ln -s "$PWD/private/a" subs/eve/a
chmod -R a+rX subs

"$RR" grade fx --submissions-dir subs --out grades -j 2 --quiet >g.out 2>g.err; st=$?
[ "$st" = 1 ] || { cat g.err >&2; flunk "grade: expected exit 1 (errors among the rows), got $st"; }
[ -f grades/gradebook.csv ] || die "no gradebook"

# row NAME: the gradebook.jsonl row of submission NAME
row() { /usr/bin/python3 -c '
import json, sys
for line in open("grades/gradebook.jsonl"):
    r = json.loads(line)
    if r["submission"] == sys.argv[1]:
        print(r["status"] + "|" + r.get("message", ""))
' "$1"; }
expect_row() {
	got=$(row "$1")
	case $got in "$2|"*) ;; *) flunk "$1: expected status '$2', got '$got'" ;; esac
	echo "$got" | grep -E -- "$3" >/dev/null || flunk "$1: message does not match /$3/: '$got'"
}
expect_row mallory error "'subs/mallory' is a symbolic link"
expect_row notes.txt error "'subs/notes.txt' is a file, not a directory"
expect_row pipe error "'subs/pipe' is a FIFO, not a directory"
expect_row alice pass ""
expect_row eve error ""
if grep -r -- "$SECRET" grades >/dev/null; then flunk "the secret behind a linked entry reached the reports"; fi
# the linked exercise directory is named as a link in its check's message
msg=$(json_get grades/reports/eve/report.json "r['exercises'][0]['checks'][0]['message']")
echo "$msg" | grep -F "is a symbolic link" >/dev/null ||
	flunk "eve: the linked exercise directory's check does not say it is a link: '$msg'"

# The same rules for SUBMISSION arguments of a batch.
rm -rf grades
"$RR" grade fx subs/alice subs/mallory subs/notes.txt --out grades -j 1 --quiet >p.out 2>p.err
expect_row mallory error "'subs/mallory' is a symbolic link"
expect_row notes.txt error "is a file, not a directory"
expect_row alice pass ""
if grep -r -- "$SECRET" grades >/dev/null; then flunk "a linked SUBMISSION argument reached the reports"; fi
exit 0
