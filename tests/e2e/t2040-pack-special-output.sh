# `roadmap-run pack -o` onto something that is not a regular file (a FIFO,
# a symlink, as root possibly /dev/null) refuses with exit 2 and leaves it
# exactly as it was, instead of renaming an archive over it.
set -u
. "$LIB"
mkfifo fifo
ln -s "$PWD/target" link
echo keep >target
for out in fifo link; do
	"$RR" pack "$ROOT/exercises/keep-learning" -o "$out" 2>err.txt; st=$?
	expect_eq 2 "$st" "exit status for -o $out"
	expect_grep "is not a regular file" err.txt
done
[ -p fifo ] || die "the FIFO was replaced"
[ -L link ] || die "the symlink was replaced"
expect_eq keep "$(cat target)" "the symlink's target"
ls | grep -q '\.tmp\.' && die "a temporary file was left behind"
exit 0
