# Devices (Judger, bubblewrap): mknod of character and block devices is
# refused (a FIFO is fine), and /dev/mem, /dev/kmem, /dev/port and disks
# cannot be opened; /dev/null, /dev/zero and /dev/urandom work.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

new_pack
add_check mknod '["./attack", "mknod"]'
add_check devmem '["sh", "-c", "head -c 16 /dev/mem | od; head -c 16 /dev/kmem | od; exit 0"]'
add_check devs '["sh", "-c", "head -c 4 /dev/zero | od -An -tx1 && head -c 4 /dev/urandom | wc -c && echo x >/dev/null && echo devices ok"]'
run_pack

expect_check mknod pass
expect_no_output mknod ESCAPED
expect_output mknod "mkfifo works"
expect_denial mknod "^mknod(at)?\\(S_IFCHR\\): checks may not create device files"
expect_no_output devmem "0000000 "
expect_check devs pass
expect_output devs "devices ok"
exit 0
