# Bad input: hostile and broken pack archives. Each is refused with exit 3
# and a message naming the archive and the entry; nothing is written
# outside the private extraction directory, which is removed; bombs fail
# fast instead of filling the disk.
set -u
. "$LIB"
. "$ROOT/tests/e2e/robust-lib.sh"

"$RR" pack fx -o fx.tgz --format tar.gz --quiet || die "cannot pack the fixture"
"$RR" pack fx -o fx.zip --format zip --quiet || die "cannot pack the fixture"
rr_expect 0 "" fx.tgz good --quiet
rr_expect 0 "" fx.zip good --quiet

# --- damaged -----------------------------------------------------------------------------
size=$(wc -c <fx.tgz)
for cut in 10 100 $((size / 2)) $((size - 20)); do
	head -c "$cut" fx.tgz >cut.tgz
	rr_expect 3 "pack 'cut\.tgz': .*(truncated or corrupt|neither a directory)" cut.tgz good
done
: | gzip >empty.gz
rr_expect 3 "'empty\.gz' (is neither|is truncated)" empty.gz good
tar -cf empty.tar -T /dev/null
rr_expect 3 "the archive 'empty\.tar' is empty" empty.tar good
# A zip member whose CRC does not match its data.
/usr/bin/python3 - <<'PY'
import zipfile
data = open("fx.zip", "rb").read()
z = zipfile.ZipFile("fx.zip")
info = next(i for i in z.infolist() if i.filename.endswith("check.sh"))
# Flip one byte of the stored/deflated data of that member.
off = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
b = bytearray(data)
b[off + info.compress_size // 2] ^= 0x55
open("badcrc.zip", "wb").write(bytes(b))
PY
rr_expect 3 "pack 'badcrc\.zip': entry '[^']*check\.sh': .*(truncated or corrupt|CRC|crc)" badcrc.zip good
# Bytes flipped in a tar header (its checksum no longer matches).
/usr/bin/python3 -c '
import gzip
t = bytearray(gzip.decompress(open("fx.tgz", "rb").read()))
t[600] ^= 0xff
open("badsum.tar", "wb").write(bytes(t))'
rr_expect 3 "pack 'badsum\.tar': .*(truncated or corrupt|neither)" badsum.tar good
gzip -c fx.tgz >double.tgz.gz
rr_expect 3 "pack 'double\.tgz\.gz': .*(not supported|neither)" double.tgz.gz good
(cd fx && find . | cpio -o -H newc --quiet) >fx.cpio 2>/dev/null
[ -s fx.cpio ] && rr_expect 3 "'fx\.cpio' (is neither|is a .* archive, which is not supported)" fx.cpio good

# --- hostile entries (built here: tar and zip writers refuse most of them) -------------------
/usr/bin/python3 - "$SCRATCH" <<'PY'
import io, sys, tarfile, zipfile
scratch = sys.argv[1]
pack = open("fx/pack.json", "rb").read()
def tar(name, entries):
    with tarfile.open(name, "w:gz" if name.endswith("gz") else "w") as t:
        for path, data, kw in [("p/pack.json", pack, {})] + entries:
            i = tarfile.TarInfo(path)
            for k, v in kw.items(): setattr(i, k, v)
            if data is not None: i.size = len(data)
            t.addfile(i, io.BytesIO(data) if data is not None else None)
tar("dotdot.tgz", [("p/../../escaped-dotdot", b"owned", {})])
tar("dotdot2.tgz", [("../escaped-dotdot", b"owned", {})])
tar("absolute.tgz", [(scratch + "/escaped-absolute", b"owned", {})])
tar("symlink.tgz", [("p/etc", None, {"type": tarfile.SYMTYPE, "linkname": "/etc"})])
tar("symlink-rel.tgz", [("p/up", None, {"type": tarfile.SYMTYPE, "linkname": "../.."})])
tar("hardlink.tgz", [("p/passwd", None, {"type": tarfile.LNKTYPE, "linkname": "/etc/passwd"})])
tar("chardev.tgz", [("p/null", None, {"type": tarfile.CHRTYPE, "devmajor": 1, "devminor": 3})])
tar("blockdev.tgz", [("p/sda", None, {"type": tarfile.BLKTYPE, "devmajor": 8, "devminor": 0})])
tar("fifo.tgz", [("p/fifo", None, {"type": tarfile.FIFOTYPE})])
tar("twotop.tgz", [("q/pack.json", pack, {})])
tar("dup.tgz", [("p/pack.json", b"{}", {})])
tar("file-parent.tgz", [("p/pack.json/x", b"x", {})])
tar("dir-over-file.tgz", [("p/pack.json", None, {"type": tarfile.DIRTYPE})])
tar("longname.tgz", [("p/" + "a" * 2000, b"x", {})])
tar("deep.tgz", [("p/" + "d/" * 100 + "f", b"x", {})])
tar("ctlname.tgz", [("p/bad\x1b[31mname\n", b"x", {})])
tar("setuid.tgz", [("p/add/tests/suid", b"#!/bin/sh\n", {"mode": 0o4755})])
with zipfile.ZipFile("zip-dotdot.zip", "w") as z:
    z.writestr("p/pack.json", pack)
    z.writestr("../escaped-zip", b"owned")
with zipfile.ZipFile("zip-abs.zip", "w") as z:
    z.writestr("p/pack.json", pack)
    z.writestr(zipfile.ZipInfo(scratch + "/escaped-zipabs"), b"owned")
with zipfile.ZipFile("zip-symlink.zip", "w") as z:
    z.writestr("p/pack.json", pack)
    zi = zipfile.ZipInfo("p/link"); zi.create_system = 3; zi.external_attr = 0o120777 << 16
    z.writestr(zi, "/etc/passwd")
PY
rr_expect 3 "pack 'dotdot\.tgz': entry 'p/\.\./\.\./escaped-dotdot': path escapes the pack" dotdot.tgz good
rr_expect 3 "entry '\.\./escaped-dotdot': path escapes the pack" dotdot2.tgz good
rr_expect 3 "entry '[^']*escaped-absolute': absolute paths are not allowed" absolute.tgz good
rr_expect 3 "entry 'p/etc': symbolic links are not allowed \(to '/etc'\)" symlink.tgz good
rr_expect 3 "entry 'p/up': symbolic links are not allowed" symlink-rel.tgz good
rr_expect 3 "entry 'p/passwd': hard links are not allowed" hardlink.tgz good
rr_expect 3 "entry 'p/null': character devices are not allowed" chardev.tgz good
rr_expect 3 "entry 'p/sda': block devices are not allowed" blockdev.tgz good
rr_expect 3 "entry 'p/fifo': FIFOs are not allowed" fifo.tgz good
rr_expect 3 "2 top-level entries \('p', 'q'\) instead of exactly one directory" twotop.tgz good
rr_expect 3 "entry 'p/pack\.json': appears twice in the archive" dup.tgz good
rr_expect 3 "entry 'p/pack\.json/x': its parent 'p/pack\.json' is a file earlier in the archive" file-parent.tgz good
rr_expect 3 "entry 'p/pack\.json': would turn a (file into a directory|directory into a file)|appears twice" dir-over-file.tgz good
rr_expect 3 "entry 'p/aaaa.*': name longer than 1024 bytes" longname.tgz good
rr_expect 3 "entry 'p/d/d/.*': nested deeper than 64 directories" deep.tgz good
rr_expect 3 "entry 'p/bad\?\[31mname\?': name contains a control character" ctlname.tgz good
rr_expect 3 "entry '\.\./escaped-zip': path escapes the pack" zip-dotdot.zip good
rr_expect 3 "entry '[^']*escaped-zipabs': absolute paths are not allowed" zip-abs.zip good
rr_expect 3 "entry 'p/link': symbolic links are not allowed" zip-symlink.zip good
for f in escaped-dotdot escaped-absolute escaped-zip escaped-zipabs ../escaped-dotdot ../escaped-zip; do
	[ -e "$f" ] && die "an archive entry escaped to $f"
done
# A setuid bit in the archive never reaches the disk: the check sees 0755.
rm -rf s && mkdir s && tar -xzf setuid.tgz -C s
(cd s && cp -R ../fx/add p/ && printf '#!/bin/sh\nls -l tests/suid\n' >p/add/tests/check.sh && chmod 755 p/add/tests/check.sh && tar -czf ../setuid2.tgz p)
rm -rf s
rr_expect "0|1" "" setuid2.tgz good --report - --quiet
grep -q -- '-r-xr-xr-x .*tests/suid' out.txt || die "the check did not list tests/suid: $(cat out.txt)"
grep -q 'rwsr' out.txt && die "a setuid bit from the archive survived extraction"

# --- bombs: they fail at the cap, fast, and leave nothing behind -------------------------------
# 300 MiB of zeros in one entry (256 MiB is the cap): about 300 KiB compressed.
/usr/bin/python3 - <<'PY'
import io, tarfile
class Zeros(io.RawIOBase):
    def __init__(self, n): self.left = n
    def readable(self): return True
    def readinto(self, b):
        n = min(len(b), self.left); b[:n] = bytes(n); self.left -= n; return n
pj = open("fx/pack.json", "rb").read()
for name, sizes in (("bomb-one.tgz", [300 << 20]), ("bomb-many.tgz", [20 << 20] * 14)):
    with tarfile.open(name, "w:gz", compresslevel=1) as t:
        i = tarfile.TarInfo("p/pack.json"); i.size = len(pj)
        t.addfile(i, io.BytesIO(pj))
        for k, n in enumerate(sizes):
            i = tarfile.TarInfo("p/zeros%d" % k); i.size = n
            t.addfile(i, Zeros(n))
PY
t0=$(date +%s)
RR_TIMEOUT=30 rr_expect 3 "entry 'p/zeros0': 300\.0 MiB would take the pack over its limit of 256 MiB" bomb-one.tgz good
RR_TIMEOUT=30 rr_expect 3 "entry 'p/zeros12': .*limit of 256 MiB" bomb-many.tgz good
[ $(( $(date +%s) - t0 )) -le 20 ] || die "bombs took more than 20 s to refuse"
# Too many entries.
/usr/bin/python3 -c '
import io, tarfile
with tarfile.open("many.tgz", "w:gz") as t:
    for k in range(20001):
        i = tarfile.TarInfo("p/f%d" % k); t.addfile(i, io.BytesIO(b""))'
RR_TIMEOUT=30 rr_expect 3 "more than 20000 entries in the archive" many.tgz good
exit 0
