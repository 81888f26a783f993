# Bad input: options. Every option without its value, an empty value, an
# unknown option or a bad value is a usage error (exit 2) naming the
# option; an unknown --exercise lists the pack's ids; a report that cannot
# be written is exit 4, found before grading, and never leaves a
# half-written or temporary file; /dev/null and /dev/stdout are written
# to, never replaced.
set -u
. "$LIB"
. "$ROOT/tests/e2e/robust-lib.sh"

# --- run: each option without a value, with an empty value ------------------------------------
for o in --report --format --out --exercise --answers --workspace; do
	rr_expect 2 "option '$o' needs a value" fx good "$o"
	rr_expect 2 "option '$o' needs a value" fx "$o"
done
for o in --report --out --answers --workspace; do
	rr_expect 2 "option '$o' needs a non-empty value" fx good "$o="
	rr_expect 2 "option '$o' needs a non-empty value" fx good "$o" ""
done
rr_expect 2 "option '--format' takes one of: json junit tap gradescope exercism, not ''" fx good --format=
rr_expect 2 "option '--format' takes one of: json junit tap gradescope exercism, not 'xml'" fx good --format xml
rr_expect 2 "option '--gradescope-hidden' takes one of: hidden after_published, not 'no'" fx good --gradescope-hidden=no
rr_expect 2 "option '--quiet' takes no value" fx good --quiet=yes
rr_expect 2 "more than one --format needs --out DIR" fx good --format json --format junit
rr_expect 2 "give either --report FILE or --out DIR, not both" fx good --report r.json --out o
rr_expect 2 "--workspace and SUBMISSION both name what to grade" fx good --workspace w
for o in -x --nope --report-file --exercises; do
	rr_expect 2 "unknown option '$o'" fx good "$o"
done
rr_expect 2 "unknown option '-x' in '-qx'" fx good -qx
rr_expect 2 "unknown option '--exercises'; did you mean '--exercise'\?" fx good --exercises
# Long options are never abbreviated: a prefix is not the option.
rr_expect 2 "unknown option '--rep'" fx good --rep r.json
rr_expect 2 "missing PACK" --quiet
rr_expect 2 "missing PACK" run
rr_expect 2 "unexpected argument 'three'" fx good three
rr_expect 2 "unexpected argument '--report'" fx good -- --report
# --exercise: an unknown id (or an empty one) lists the pack's ids.
rr_expect 2 "no exercise 'nope' in pack 'fixture'; it has: add" fx good --exercise nope
rr_expect 2 "no exercise '' in pack 'fixture'; it has: add" fx good --exercise=
rr_expect 2 "no exercise 'ADD' in pack 'fixture'" fx good --exercise add --exercise ADD
rr_expect 0 "" fx good --exercise add --exercise add --quiet

# --- the other commands ------------------------------------------------------------------------
rr_expect 2 "option '-o' needs a value" pack fx -o
rr_expect 2 "option '--format' needs a value" pack fx -o x.tgz --format
rr_expect 2 "option '--format' takes one of: tar tar.gz tar.xz tar.zst zip, not 'rar'" pack fx -o x.tgz --format rar
rr_expect 2 "missing -o FILE" pack fx
rr_expect 2 "option '--answers' needs a value" quiz fx --answers
rr_expect 2 "option '-o' needs a value" quiz-import -o
rr_expect 2 "missing FILE\.gift" quiz-import
rr_expect 2 "option '-j' needs a value" grade fx good -j
for j in 0 -1 abc 257 99999999999999999999; do
	rr_expect 2 "option '-j' takes a number of jobs from 1 to 256, not '$j'" grade fx good -j "$j"
done
for k in 3/2 0/0 x 1/ /2 1/0; do
	rr_expect 2 "option '--shard' takes K/N" grade fx good --shard "$k"
done
for m in 101 -5 abc; do
	rr_expect 2 "option '--pass-mark' takes a percentage from 0 to 100, not '$m'" grade fx good --pass-mark "$m"
	rr_expect 2 "option '--pass-mark' takes a percentage from 0 to 100, not '$m'" fx good --pass-mark="$m"
done
rr_expect 2 "option '-o' needs a value" merge -o
rr_expect 2 "missing GRADEBOOK" merge
rr_expect 2 "option '--workspace' needs a value" hint fx add --workspace
rr_expect 2 "no exercise 'nope' in pack 'fixture'" hint fx nope
rr_expect 2 "unknown option '--workspace'" init fx --workspace
# One wording for every command: "roadmap-run CMD: MESSAGE" and the usage line.
for cmd in validate list init hint prompt pack quiz quiz-import grade merge report status watch help; do
	rr_expect 2 "^roadmap-run $cmd: unknown option '--bogus'" "$cmd" --bogus
	grep -q "^usage: roadmap-run $cmd" "$SCRATCH/err.txt" || die "'$cmd --bogus' prints no usage line"
done

# --- where the report goes ------------------------------------------------------------------------
rr_expect 4 "cannot write the report 'nodir/r\.json': no directory 'nodir'" fx good --report nodir/r.json
[ -e nodir ] && die "the report's directory was created"
rr_expect 4 "cannot write the report 'good/add/add\.sh/r\.json': no directory" fx good --report good/add/add.sh/r.json
mkdir adir
rr_expect 4 "cannot write the report 'adir': Is a directory" fx good --report adir
rr_expect 4 "cannot write the report '/': Is a directory" fx good --report /
[ -z "$(ls -A adir)" ] || die "something was written into the directory"
# The checks do not even run: the error comes before grading.
grep -q "pass\|fail" out.txt && die "graded before refusing the report path"
# An old report survives a run that fails before writing.
echo "old report" >keep.json
rr_expect 3 "cannot open 'nopack'" nopack good --report keep.json
expect_eq "old report" "$(cat keep.json)" "the previous report"
rm keep.json
# Reports to a device, or through a symlink (what /dev/stdout is): written
# to, never replaced. Stand-ins in the scratch directory are used, so that
# a regression replaces them, not the system's /dev/null or /dev/stdout.
ln -s /dev/null null-link
rr_expect 0 "" fx good --report null-link --quiet
[ -L null-link ] || die "the symlink to /dev/null was replaced"
ln -s /proc/self/fd/1 stdout-link
rr_expect 0 "" fx good --report stdout-link --quiet
[ -L stdout-link ] || die "the stand-in for /dev/stdout was replaced"
json_valid out.txt
if [ "$(id -u)" -eq 0 ]; then
	mknod null-dev c 1 3
	rr_expect 0 "" fx good --report null-dev --quiet
	[ -c null-dev ] || die "a device node given as --report was replaced by a file"
	rm null-dev
fi
ln -s nowhere dangling
rr_expect 4 "cannot write the report 'dangling': No such file or directory" fx good --report dangling --quiet
[ -e nowhere ] && die "the target of a dangling symlink was created"
# A directory the user cannot write (binds a user that is not root; `make
# check` runs this suite again as uid 65534; the runner may hold
# CAP_DAC_OVERRIDE over its own user's files in its user namespace, so the
# directory is root's /): exit 4 after grading, nothing left behind.
if [ "$(id -u)" -ne 0 ]; then
	rr_expect 4 "cannot write the report '/rr-t6050-report\.json': Permission denied" fx good --report /rr-t6050-report.json --quiet
	ls -a / | grep -q "rr-t6050" && die "a temporary report was left in /"
	rr_expect 4 "cannot (write|create).*'/rr-t6050-out" fx good --out /rr-t6050-out --quiet
	[ -e /rr-t6050-out ] && die "--out created a directory in /"
fi
# --out into a path that is a file.
echo "a file" >afile
rr_expect 4 "afile" fx good --out afile --quiet
expect_eq "a file" "$(cat afile)" "the file given as --out"
exit 0
