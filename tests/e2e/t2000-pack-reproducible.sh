# roadmap-run pack: two runs give byte-identical archives in every format,
# whatever the files' times, modes beyond the owner's, or the umask; the
# entries are sorted and normalised; the format follows --format or the
# output's suffix.
set -u
. "$LIB"
. "$ROOT/tests/e2e/pack-fixture.sh"

mkdir one two
for f in tar tar.gz tar.xz tar.zst zip; do
	expect_status 0 "$RR" pack fx -o one/fx.$f --format $f --quiet
done
# Disturb everything that must not matter, and wait so "now" differs.
sleep 1
find fx -exec touch -d '2001-02-03 04:05:06' {} +
chmod g+w,o-r fx/add/prompt.md fx/add/starter/add.sh
for f in tar tar.gz tar.xz tar.zst zip; do
	(umask 077 && "$RR" pack fx -o two/fx.$f --format $f --quiet) || die "second pack ($f) failed"
	cmp one/fx.$f two/fx.$f || die "$f: two runs differ"
done

# Sorted byte-wise, owner 0/0 with no names, mtime 0, modes normalised.
tar -tf one/fx.tar >names.txt
LC_ALL=C sort -c names.txt || die "entries are not sorted byte-wise"
expect_eq "fixture/" "$(head -n 1 names.txt)" "first entry (the top directory)"
tar -tvf one/fx.tar --numeric-owner >long.txt
grep -v -E '^(d|-)rw[-x]r-[-x]r-[-x] 0/0 .* 1970-01-01 00:00 fixture/' long.txt && die "an entry is not normalised"
grep -q -- '-rwxr-xr-x 0/0 .* fixture/add/tests/check.sh$' long.txt || die "check.sh lost its execute bit"
grep -q -- '-rw-r--r-- 0/0 .* fixture/add/prompt.md$' long.txt || die "prompt.md mode not 0644"
/usr/bin/python3 - one/fx.tar <<'PY' || die "tar headers carry owner names or pax times"
import sys, tarfile
for m in tarfile.open(sys.argv[1]):
    assert m.uname == "" and m.gname == "", (m.name, m.uname, m.gname)
    assert not any(k in m.pax_headers for k in ("atime", "ctime", "mtime")), m.pax_headers
PY

# The gzip header has no time stamp and no file name.
/usr/bin/python3 -c 'import sys; h=open(sys.argv[1],"rb").read(10); assert h[:2]==b"\x1f\x8b" and h[3]&8==0 and h[4:8]==b"\0\0\0\0", h' one/fx.tar.gz \
	|| die "gzip header records a time or a name"

# SOURCE_DATE_EPOCH sets every mtime.
SOURCE_DATE_EPOCH=1700000000 "$RR" pack fx -o epoch.tar --quiet || die "pack with SOURCE_DATE_EPOCH failed"
tar -tvf epoch.tar --numeric-owner --utc 2>/dev/null | grep -q '2023-11-14 22:13 fixture/pack.json' || {
	tar -tvf epoch.tar --numeric-owner | head -3 >&2; die "SOURCE_DATE_EPOCH not used as mtime"; }
SOURCE_DATE_EPOCH=soon "$RR" pack fx -o bad.tar --quiet 2>err.txt; expect_eq 3 $? "exit for a malformed SOURCE_DATE_EPOCH"
expect_grep "SOURCE_DATE_EPOCH 'soon'" err.txt

# The format follows the suffix when --format is not given, else tar.gz.
magic() { od -A n -t x1 -N 6 "$1" | tr -d ' \n'; }
"$RR" pack fx -o s.zip --quiet && case $(magic s.zip) in 504b0304*) ;; *) die "s.zip is not a zip";; esac
"$RR" pack fx -o s.tar.xz --quiet && case $(magic s.tar.xz) in fd377a585a00) ;; *) die "s.tar.xz is not xz";; esac
"$RR" pack fx -o s.tzst --quiet && case $(magic s.tzst) in 28b52ffd*) ;; *) die "s.tzst is not zstd";; esac
"$RR" pack fx -o s.tgz --quiet && case $(magic s.tgz) in 1f8b*) ;; *) die "s.tgz is not gzip";; esac
"$RR" pack fx -o s.pack --quiet && case $(magic s.pack) in 1f8b*) ;; *) die "default format is not tar.gz";; esac
"$RR" pack fx -o s.zip --format tar --quiet && tar -tf s.zip >/dev/null || die "--format must win over the suffix"

# An archive of the pack can itself be repacked, to the same bytes.
"$RR" pack one/fx.tar.zst -o again.tar.gz --quiet || die "repacking an archive failed"
cmp again.tar.gz one/fx.tar.gz || die "repacking an archive changed its bytes"
# No temporary files are left next to the output.
expect_eq "fx.tar fx.tar.gz fx.tar.xz fx.tar.zst fx.zip" "$(ls one | tr '\n' ' ' | sed 's/ $//')" "files in one/"
