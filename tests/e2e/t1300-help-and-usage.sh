# Every command has --help (exit 0, a usage line) and its usage errors exit 2
# with a message on stderr.
set -u
. "$LIB"
for cmd in run validate list init hint pack quiz quiz-import grade merge status prompt; do
	"$RR" $cmd --help >help.txt 2>&1; st=$?
	expect_eq 0 "$st" "'$cmd --help' exit status"
	grep -qi "usage" help.txt || die "'$cmd --help' prints no usage line: $(head -3 help.txt)"
	"$RR" $cmd --no-such-option >err.txt 2>&1; st=$?
	expect_eq 2 "$st" "'$cmd --no-such-option' exit status"
	[ -s err.txt ] || die "'$cmd --no-such-option' says nothing"
done
# The top level: no arguments is a usage error; --help lists the commands.
expect_status 2 "$RR" >/dev/null 2>&1
"$RR" --help >top.txt
for cmd in quiz hint list init validate pack quiz-import grade merge status prompt help; do
	grep -q "^  $cmd " top.txt || die "--help does not list '$cmd'"
done
exit 0
