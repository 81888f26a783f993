# Privileged calls (isolate, bubblewrap, DMOJ): mount, umount, unshare,
# setns and chroot("/proc/1/root") all fail, and the report names the
# refused call in a learner's words.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

new_pack
add_check mount '["./attack", "mount"]'
add_check unshare '["./attack", "unshare"]'
add_check setns '["./attack", "setns"]'
add_check chroot '["./attack", "chroot"]'
add_check unshare-cmd '["unshare", "-U", "-r", "id"]'
add_check python-unshare '["python3", "-c", "import os\nos.unshare(os.CLONE_NEWUSER)"]'
run_pack

for id in mount unshare setns chroot; do
	expect_check $id pass
	expect_no_output $id ESCAPED
done
expect_denial mount "^(mount|umount2): checks may not change the filesystem view"
expect_denial unshare "^unshare: checks may not create or join namespaces"
expect_denial setns "^setns: checks may not create or join namespaces"
expect_denial chroot "^chroot: checks may not change the filesystem view"
expect_check unshare-cmd fail
expect_message unshare-cmd "the sandbox refused unshare"
if /usr/bin/python3 -c 'import os; os.unshare' 2>/dev/null; then
	expect_check python-unshare fail
	expect_denial python-unshare "^unshare"
fi
exit 0
