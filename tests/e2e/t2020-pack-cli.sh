# roadmap-run pack: --help, usage errors (exit 2 with the usage line),
# invalid packs (exit 3, every problem named) and write failures (exit 4).
set -u
. "$LIB"
. "$ROOT/tests/e2e/pack-fixture.sh"

"$RR" pack --help >help.txt 2>&1; expect_eq 0 $? "exit for --help"
expect_grep '^usage: roadmap-run pack DIR -o FILE' help.txt
expect_grep '--learner' help.txt
"$RR" pack -h >/dev/null 2>&1; expect_eq 0 $? "exit for -h"

usage() {
	"$@" >out.txt 2>err.txt; st=$?
	expect_eq 2 "$st" "exit for '$*'"
	expect_grep '^usage: roadmap-run pack' err.txt
	[ -s out.txt ] && die "usage error wrote to stdout"
	return 0
}
usage "$RR" pack
usage "$RR" pack fx
usage "$RR" pack -o x.tgz
usage "$RR" pack fx fx -o x.tgz
usage "$RR" pack fx -o x.tgz --bogus
usage "$RR" pack fx -o
usage "$RR" pack fx -o x.tgz --format rar
expect_grep "option '--format' takes one of: tar tar.gz tar.xz tar.zst zip, not 'rar'" err.txt
[ -e x.tgz ] && die "a usage error wrote the output"

# Invalid packs: exit 3, nothing written.
mkdir nopack
"$RR" pack nopack -o x.tgz 2>err.txt; expect_eq 3 $? "exit for a directory without pack.json"
expect_grep "no pack.json in 'nopack'" err.txt
"$RR" pack missing-dir -o x.tgz 2>err.txt; expect_eq 3 $? "exit for a missing directory"
expect_grep "missing-dir" err.txt
cp -R fx broken
printf '{ "format": 1, "id": "Bad Id", }\n' >broken/pack.json
"$RR" pack broken -o x.tgz 2>err.txt; expect_eq 3 $? "exit for an invalid pack.json"
expect_grep "pack.json" err.txt
cp -R fx linked
ln -s /etc/passwd linked/add/passwd
"$RR" pack linked -o x.tgz 2>err.txt; expect_eq 3 $? "exit for a pack holding a symlink"
expect_grep "add/passwd: a symbolic link cannot be packed" err.txt
[ -e x.tgz ] && die "an invalid pack was written"

# The output cannot be written: exit 4, the message names it.
"$RR" pack fx -o no/such/dir/x.tgz 2>err.txt; expect_eq 4 $? "exit when the output cannot be created"
expect_grep "no/such/dir/x.tgz" err.txt

# An existing output is replaced atomically, and left alone on failure.
echo old >keep.tgz
"$RR" pack linked -o keep.tgz 2>/dev/null
expect_eq old "$(cat keep.tgz)" "output after a failed pack"
expect_status 0 "$RR" pack fx -o keep.tgz --quiet
tar -tzf keep.tgz >/dev/null || die "replaced output is not a tar.gz"
expect_eq "keep.tgz" "$(ls | grep '^keep')" "files left beside the output"
