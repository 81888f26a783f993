# Reading secrets (isolate, go-judge, Judge0's symlink CVEs): /etc/shadow, a
# world-readable file in the grader's home directory, the pack's source
# (hidden solutions), and the same through symlinks planted in the
# submission, absolute and relative. None of it reaches the report.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

# A secret the grader's user owns, readable by anyone: only the sandbox's
# view can hide it. As root it lives in /root; otherwise in a stand-in home.
if [ "$(id -u)" = 0 ] && [ -d /root ]; then
	SECRET_FILE=/root/.rr-attack-secret-$MARK
else
	mkdir -p home && chmod 755 home
	SECRET_FILE=$PWD/home/.rr-attack-secret-$MARK
fi
echo "SECRET-$MARK" >"$SECRET_FILE"
chmod 0644 "$SECRET_FILE"

new_pack
mkdir -p fx/a/solution && echo "SOLUTION-$MARK" >fx/a/solution/answer.txt
ln -s "$SECRET_FILE" sub/a/leak
ln -s /etc/shadow sub/a/shadow
ln -s ../../fx/a/solution/answer.txt sub/a/relative
ln -s / sub/a/hostroot
add_check direct "[\"./attack\", \"read\", \"/etc/shadow\", \"$SECRET_FILE\", \"$PWD/fx/a/solution/answer.txt\", \"$PWD/fx/pack.json\"]"
add_check symlinks "[\"./attack\", \"read\", \"leak\", \"shadow\", \"relative\", \"hostroot$SECRET_FILE\"]"
add_check cat "[\"sh\", \"-c\", \"cat leak shadow relative hostroot$SECRET_FILE; ls -la /root /home $(dirname "$SECRET_FILE"); exit 0\"]"
add_check python "[\"python3\", \"-c\", \"import glob\\nfor p in glob.glob('/root/.*') + glob.glob('/home/*/*') + ['$SECRET_FILE']:\\n    try: print(open(p).read())\\n    except OSError as e: print('BLOCKED', p, e)\"]"
run_pack

expect_check direct pass
expect_no_output direct ESCAPED
expect_check symlinks pass
expect_no_output symlinks ESCAPED
grep -q "SECRET-$MARK" out.json && flunk "the home secret reached the report"
grep -q "SOLUTION-$MARK" out.json && flunk "the pack's solution reached the report"
grep -q 'root:[^:]*:[0-9]*:' out.json && flunk "/etc/shadow reached the report"
exit 0
