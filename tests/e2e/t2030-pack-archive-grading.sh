# PACK may be the directory or an archive of it in any format, with the same
# report (same digest); a hostile or broken archive is refused with exit 3
# and a message naming the entry and the reason.
set -u
. "$LIB"
. "$ROOT/tests/e2e/pack-fixture.sh"
# A private TMPDIR, to see that every extraction directory is removed.
mkdir tmp && chmod 1777 tmp
TMPDIR=$PWD/tmp; export TMPDIR

norm() { /usr/bin/python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
def strip(o):
    if isinstance(o, dict):
        return {k: strip(v) for k, v in o.items() if k not in ("duration_ms", "cpu_ms", "memory_kb", "max_rss_kb", "started", "finished", "time", "wall_ms")}
    if isinstance(o, list):
        return [strip(v) for v in o]
    return o
print(json.dumps(strip(r), sort_keys=True, indent=1))' "$1"; }

"$RR" fx good --report dir.json --quiet; want=$?
norm dir.json >dir.norm
for f in tar tar.gz tar.xz tar.zst zip; do
	"$RR" pack fx -o "fx-$f.bin" --format $f --quiet || die "pack $f failed"
	# A misleading name: the format comes from the content.
	"$RR" "fx-$f.bin" good --report "$f.json" --quiet; st=$?
	expect_eq "$want" "$st" "exit status with a $f pack"
	norm "$f.json" >"$f.norm"
	diff -u dir.norm "$f.norm" || die "report from a $f pack differs from the directory's"
done

# pack.json inside one top-level directory, or at the root: both load.
(cd fx && tar -cf ../root.tar .)
"$RR" list root.tar >/dev/null || die "pack.json at the archive root not found"
mkdir two && cp -R fx two/a && cp -R fx two/b
(cd two && tar -czf ../two.tgz a b)
"$RR" list two.tgz 2>err.txt; expect_eq 3 $? "exit for two top-level directories"
expect_grep "2 top-level entries ('a', 'b') instead of exactly one directory" err.txt

# Hostile archives, built here.
/usr/bin/python3 - <<'PY'
import io, tarfile
def add(t, name, data=b"x", **kw):
    i = tarfile.TarInfo(name); i.size = len(data)
    for k, v in kw.items(): setattr(i, k, v)
    t.addfile(i, io.BytesIO(data) if i.isreg() else None)
with tarfile.open("dotdot.tgz", "w:gz") as t:
    add(t, "p/pack.json", b"{}"); add(t, "../escaped", b"owned")
with tarfile.open("symlink.tar", "w") as t:
    add(t, "p/pack.json", b"{}"); add(t, "p/etc", type=tarfile.SYMTYPE, linkname="/etc")
with tarfile.open("dev.tar", "w") as t:
    add(t, "p/pack.json", b"{}"); add(t, "p/null", type=tarfile.CHRTYPE, devmajor=1, devminor=3)
PY
"$RR" list dotdot.tgz 2>err.txt; expect_eq 3 $? "exit for a '..' entry"
expect_grep "entry '../escaped': path escapes the pack" err.txt
[ -e ../escaped ] && die "an entry escaped"
"$RR" list symlink.tar 2>err.txt; expect_eq 3 $? "exit for a symlink entry"
expect_grep "entry 'p/etc': symbolic links are not allowed" err.txt
"$RR" list dev.tar 2>err.txt; expect_eq 3 $? "exit for a device node"
expect_grep "entry 'p/null': character devices are not allowed" err.txt
head -c 700 fx-tar.gz.bin >cut.tgz
"$RR" list cut.tgz 2>err.txt; expect_eq 3 $? "exit for a truncated archive"
expect_grep "truncated or corrupt" err.txt
echo "hello" >notes.txt
"$RR" list notes.txt 2>err.txt; expect_eq 3 $? "exit for a text file"
expect_grep "'notes.txt' is neither a directory with pack.json nor a supported archive" err.txt

# Nothing of any extraction, good or refused, is left in TMPDIR.
left=$(ls tmp | grep '^roadmap-run-pack' || true)
expect_eq "" "$left" "extraction directories left in TMPDIR"

# The runner loads libarchive only for an archive (runner/pack/archive_dl.c): a
# directory pack's checks fork a process without its twelve libraries.
if command -v readelf >/dev/null 2>&1; then
	readelf -d "$RR" | grep NEEDED >needed.txt
	grep -q 'libarchive' needed.txt && die "roadmap-run links libarchive: $(cat needed.txt)"
	grep -q 'libseccomp' needed.txt || die "readelf shows no libseccomp: $(cat needed.txt)"
fi
