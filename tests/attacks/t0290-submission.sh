# Hostile submission trees (the copy into the work directory happens before
# any sandbox layer): a 1 GiB sparse file, and, when we are root and can
# plant them, a world-writable /dev/mem device node, a FIFO and a
# setuid-root program. The copy neither materialises the sparse file nor
# carries the special files or the setuid bit into a usable form.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

new_pack
truncate -s 1G sub/a/sparse.bin
add_check sparse '["sh", "-c", "du -k sparse.bin 2>/dev/null || echo absent"]'
if [ "$(id -u)" = 0 ]; then
	mknod -m 0666 sub/a/mem c 1 1
	mkfifo -m 0666 sub/a/fifo
	cp /usr/bin/id sub/a/suid-id
	chmod 4755 sub/a/suid-id
	add_check special '["sh", "-c", "for f in mem fifo; do if [ -e $f ] && [ ! -f $f ] && [ ! -d $f ]; then echo ESCAPED special file $f copied; fi; done; [ \"$(head -c 16 mem 2>/dev/null | wc -c)\" -gt 0 ] && echo ESCAPED read /dev/mem; ./suid-id -u"]'
fi
start=$(date +%s)
run_pack
end=$(date +%s)

# Either the copy keeps the hole or the runner refuses the file; it never
# writes 1 GiB per check.
kb=$(field sparse output | awk 'NR==1 {print $1}')
case $kb in
absent|'') ;;
*) [ "$kb" -lt 65536 ] || flunk "the 1 GiB sparse file became $kb KiB of real data in the work directory" ;;
esac
[ $((end - start)) -le 10 ] || flunk "grading took $((end - start)) s"
if [ "$(id -u)" = 0 ]; then
	expect_no_output special ESCAPED
	[ "$(field special output | tail -n 1)" != 0 ] || flunk "the setuid-root copy ran as root"
fi
exit 0
