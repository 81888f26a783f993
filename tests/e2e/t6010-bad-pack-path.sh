# Bad input: a PACK argument that is not a pack at all. Each is refused
# with exit 3 (or 4 when our own temporary directory cannot be made) and a
# message naming the path; nothing hangs on a FIFO or an endless device.
set -u
. "$LIB"
. "$ROOT/tests/e2e/robust-lib.sh"

head -c 4096 /dev/urandom >garbage.bin
printf 'just some text\n' >notes.txt
: >empty.bin
mkfifo fifo
mkdir nopack
cp -R fx pjdir && rm pjdir/pack.json && mkdir pjdir/pack.json
cp -R fx pjlink && rm pjlink/pack.json && ln -s ../fx/pack.json pjlink/pack.json
cp -R fx pjfifo && rm pjfifo/pack.json && mkfifo pjfifo/pack.json
ln -s nowhere dangling
ln -s loop2 loop1 && ln -s loop1 loop2
ln -s fx fxlink

NEITHER="is neither a directory with pack.json nor a supported archive \(tar, tar.gz, tar.xz, tar.zst, zip\)"
rr_expect 3 "pack 'garbage.bin': 'garbage.bin' $NEITHER" garbage.bin good
rr_expect 3 "'notes.txt' $NEITHER" notes.txt good
rr_expect 3 "'empty.bin' $NEITHER" empty.bin good
RR_TIMEOUT=20 rr_expect 3 "'fifo' $NEITHER" fifo good
RR_TIMEOUT=20 rr_expect 3 "'/dev/zero' $NEITHER" /dev/zero good
RR_TIMEOUT=20 rr_expect 3 "'/dev/null' $NEITHER" /dev/null good
RR_TIMEOUT=20 rr_expect 3 "'/dev/tty' $NEITHER|cannot open '/dev/tty'" /dev/tty good
rr_expect 3 "cannot open 'nonexistent': No such file or directory" nonexistent good
rr_expect 3 "cannot open '': No such file or directory" "" good
rr_expect 3 "cannot open 'dangling': No such file or directory" dangling good
rr_expect 3 "cannot open 'loop1': Too many levels of symbolic links" loop1 good
rr_expect 3 "no pack.json in 'nopack'" nopack good
rr_expect 3 "no pack.json in '/'" / good
# pack.json that is a directory, a FIFO (never opened: no hang) or a
# symlink (not followed, even to a real pack.json).
rr_expect 3 "'pjdir/pack.json' is a directory, not a regular file" pjdir good
RR_TIMEOUT=20 rr_expect 3 "'pjfifo/pack.json' is a FIFO, not a regular file" pjfifo good
rr_expect 3 "'pjlink/pack.json' is a symbolic link; a pack may not hold links there" pjlink good
# A symlink to a pack directory is a fine way to name it.
rr_expect 0 "" fxlink good --quiet
# Odd names reach messages escaped, not raw.
nl_name=$(printf 'pa\033[31mck\nx')
rr_expect 3 "cannot open 'pa\\\\x1b\[31mck\\\\nx'" "$nl_name" good
grep -q "$(printf '\033')" err.txt && die "a raw escape reached the terminal"

# Permissions only bind a user that is not root: `make check` runs this
# suite again as uid 65534 (tests/as-user).
if [ "$(id -u)" -ne 0 ]; then
	cp -R fx unreadable && chmod 000 unreadable
	rr_expect 3 "'unreadable'" unreadable good
	cp -R fx unreadjson && chmod 000 unreadjson/pack.json
	rr_expect "3|4" "unreadjson" unreadjson good
	tar -czf unread.tgz fx && chmod 000 unread.tgz
	rr_expect 3 "cannot read 'unread.tgz': Permission denied" unread.tgz good
	chmod -R u+rwX unreadable unreadjson
fi

# Our own temporary directory cannot be made: exit 4, and the message says
# why (TMPDIR names a directory that does not exist).
tar -czf fx.tgz fx
(TMPDIR=$SCRATCH/no-such-dir; rr_expect 4 "cannot create a temporary directory" fx.tgz good) || exit 1
(TMPDIR=$SCRATCH/no-such-dir; rr_expect 4 "cannot create a temporary directory in '$SCRATCH/no-such-dir': No such file or directory" fx good) || exit 1
exit 0
