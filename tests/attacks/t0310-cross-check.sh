# One check must not reach the next (contract: a check never sees another
# check's files): check "plant" leaves a file in its TMPDIR, in /dev/shm and
# in its work directory, a lingering process, an abstract socket listener
# and System V IPC objects; check "find", run next in the same runner,
# looks for all of them and finds none.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

KEY=$(( ($$ % 30000) + 730000 ))
HEX=$(printf '0x%08x' "$KEY")
new_pack
cat >sub/a/plant.sh <<SH
echo x >"\$TMPDIR/plant-$MARK"; echo x >/dev/shm/plant-$MARK; echo x >plant-$MARK
./attack ipc-persist $KEY
(setsid ./attack linger $MARK-plantZ &)
python3 -c 'import socket, os, time
s = socket.socket(socket.AF_UNIX); s.bind("\0plant-$MARK"); s.listen(1)
if os.fork() == 0: time.sleep(30)' &
sleep 0.3
exit 0
SH
cat >sub/a/find.sh <<SH
found=0
for f in "\$TMPDIR/plant-$MARK" /dev/shm/plant-$MARK plant-$MARK ../*/plant-$MARK; do
	[ -e "\$f" ] && { echo "ESCAPED found \$f"; found=1; }
done
ipcs 2>/dev/null | grep -i $HEX && { echo ESCAPED ipc; found=1; }
# [Z] keeps this script's own command line from matching
grep -l "$MARK-plant[Z]" /proc/[0-9]*/cmdline 2>/dev/null && { echo ESCAPED process; found=1; }
./attack abstract plant-$MARK | grep ESCAPED && found=1
echo searched
exit \$found
SH
add_check plant '["sh", "plant.sh"]'
add_check find '["sh", "find.sh"]'
run_pack

expect_check find pass
expect_output find "searched"
expect_no_output find ESCAPED
expect_no_survivor "$MARK-plant[Z]"
ipcrm -M "$KEY" -Q "$KEY" -S "$KEY" 2>/dev/null
rm -f "/dev/shm/plant-$MARK"
exit 0
