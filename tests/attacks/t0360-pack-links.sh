# Refusals that say what they know (issue 10): a pack whose pack.json is a
# symbolic link (here to a file only the grader may read, and to a real
# pack.json) is refused saying it is a link and that a pack may not hold
# links there, never as "no pack.json", and the link's target is not read.
# The same for a directory or a file that pack.json names.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

new_pack
add_check ok '["true"]'
run_pack

# expect_link_refusal WHAT PACK REGEX: exit 3, the message matches
expect_link_refusal() {
	"$RR" "$2" sub --quiet >l.out 2>l.err; st=$?
	[ "$st" = 3 ] || { cat l.err >&2; flunk "$1: expected exit 3, got $st"; }
	grep -E -- "$3" l.err >/dev/null || { cat l.err >&2; flunk "$1: message does not match /$3/"; }
	if grep -F "no pack.json" l.err >/dev/null; then flunk "$1: says 'no pack.json' of a link"; fi
}

SECRET="grader-only-$MARK"
mkdir -p private && echo "{\"format\": 1, \"id\": \"$SECRET\"" >private/pack.json && chmod 700 private
rm -rf p1 && cp -R fx p1 && rm p1/pack.json && ln -s "$PWD/private/pack.json" p1/pack.json
expect_link_refusal "pack.json -> a private file" p1 "'p1/pack.json' is a symbolic link; a pack may not hold links there"
if grep -F -- "$SECRET" l.err >/dev/null; then flunk "the linked pack.json was read"; fi
rm -rf p2 && cp -R fx p2 && rm p2/pack.json && ln -s ../fx/pack.json p2/pack.json
expect_link_refusal "pack.json -> a real pack.json" p2 "'p2/pack.json' is a symbolic link"
rm -rf p3 && cp -R fx p3 && mv p3/a/tests p3/a/real-tests && ln -s real-tests p3/a/tests
expect_link_refusal "tests -> a directory inside the pack" p3 "'a/tests' is a symbolic link; a pack may not hold links there"
rm -rf p4 && cp -R fx p4 && mv p4/a/prompt.md p4/a/real.md && ln -s real.md p4/a/prompt.md
expect_link_refusal "prompt -> a file inside the pack" p4 "'a/prompt.md' is a symbolic link; a pack may not hold links there"
# the same words from validate and grade
"$RR" validate p1 >v.out 2>v.err
grep -F "is a symbolic link" v.err >/dev/null || { cat v.err >&2; flunk "validate: no 'is a symbolic link'"; }
"$RR" grade p3 sub --out g --quiet >g.out 2>g.err
grep -F "is a symbolic link" g.err >/dev/null || { cat g.err >&2; flunk "grade: no 'is a symbolic link'"; }
exit 0
