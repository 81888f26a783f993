# A pack's "support" directory is shared by every exercise's checks: a check
# sees it merged into its tests/ (the exercise's own files win), read-only,
# with or without a mount namespace, from a directory or an archive. A
# support path that is missing, not a directory or outside the pack is a
# manifest error that names it.
set -u
. "$LIB"

mkdir -p sp/shared/data sp/one/starter sp/one/tests sp/two/starter sp/two/tests/data
cat >sp/pack.json <<'JSON'
{ "format": 1, "id": "support-demo", "title": "Support", "stage": 1, "version": "1.0.0",
  "support": "shared",
  "exercises": [
    { "id": "one", "title": "One", "prompt": "one/prompt.md", "starter": "one/starter",
      "tests": "one/tests",
      "checks": [
        { "id": "lib", "run": ["sh", "tests/check.sh"], "points": 1 },
        { "id": "expected-from-support", "kind": "output", "run": ["cat", "answer.txt"],
          "expected": "tests/data/answer.txt", "points": 1 },
        { "id": "tests-read-only", "run": ["sh", "tests/write.sh"], "points": 1 } ] },
    { "id": "two", "title": "Two", "prompt": "two/prompt.md", "starter": "two/starter",
      "tests": "two/tests",
      "checks": [ { "id": "shadow", "run": ["sh", "tests/check.sh"], "points": 1 } ] } ] }
JSON
echo "Put 42 in answer.txt." >sp/one/prompt.md
echo "Put 42 in answer.txt." >sp/two/prompt.md
echo 0 >sp/one/starter/answer.txt
echo 0 >sp/two/starter/answer.txt
# The shared library, and a data file the first exercise's expected output is.
printf 'say() { echo "shared: $*"; }\n' >sp/shared/lib.sh
echo 42 >sp/shared/data/answer.txt
cat >sp/one/tests/check.sh <<'SH'
. tests/lib.sh
[ "$(say hi)" = "shared: hi" ] || { echo "lib.sh is not the support one"; exit 1; }
[ "$(cat answer.txt)" = "$(cat tests/data/answer.txt)" ] || { echo "wrong answer"; exit 1; }
SH
# Passes only if nothing under tests/ can be changed, created or removed.
cat >sp/one/tests/write.sh <<'SH'
[ "$(cat answer.txt)" = 42 ] || { echo "wrong answer"; exit 1; }
# An unprivileged runner's check has the uid that owns the files: only the
# read-only mount stops a chmod.
chmod -R u+w tests 2>/dev/null
echo 41 >tests/data/answer.txt 2>/dev/null && { echo "rewrote tests/data/answer.txt"; exit 1; }
echo x >tests/new.txt 2>/dev/null && { echo "created tests/new.txt"; exit 1; }
rm -f tests/lib.sh 2>/dev/null; [ -f tests/lib.sh ] || { echo "removed tests/lib.sh"; exit 1; }
mv tests gone 2>/dev/null && { echo "renamed tests/"; exit 1; }
exit 0
SH
# The second exercise has its own lib.sh, which wins, and its own data/,
# merged with the support one.
printf 'say() { echo "own: $*"; }\n' >sp/two/tests/lib.sh
echo mine >sp/two/tests/data/own.txt
cat >sp/two/tests/check.sh <<'SH'
. tests/lib.sh
[ "$(say hi)" = "own: hi" ] || { echo "the exercise's lib.sh did not win"; exit 1; }
[ "$(cat tests/data/own.txt)" = mine ] || { echo "own data missing"; exit 1; }
[ "$(cat tests/data/answer.txt)" = 42 ] || { echo "support data not merged"; exit 1; }
[ "$(cat answer.txt)" = 42 ] || { echo "wrong answer"; exit 1; }
SH
mkdir -p good/one good/two
echo 42 >good/one/answer.txt
echo 42 >good/two/answer.txt
chmod -R a+rX . 2>/dev/null

for layers in "" mountns all; do
	ROADMAP_RUN_SANDBOX_DISABLE=$layers "$RR" sp good --report "good-$layers.json" --quiet; st=$?
	if [ -z "$layers" ] || [ "$(id -u)" = 0 ]; then
		expect_eq 0 "$st" "support pack, solution, layers off: '${layers:-none}'"
		expect_eq 4 "$(json_get "good-$layers.json" "r['score']")" "score, layers off: '${layers:-none}'"
	else
		# Without a mount namespace or root, tests/ is a private copy
		# the check owns and could change (docs/sandbox.md): only the
		# support files are asserted here.
		expect_eq 3 "$(json_get "good-$layers.json" "r['score']")" "score, layers off: '$layers'"
	fi
done
# The starter fails every check (none passes on the wrong answer).
mkdir -p ws && cp -r sp/one/starter ws/one && cp -r sp/two/starter ws/two
"$RR" sp ws --report start.json --quiet; st=$?
expect_eq 1 "$st" "starter code"
expect_eq 0 "$(json_get start.json "r['score']")" "starter score"

# The same from an archive of the pack.
"$RR" pack sp -o sp.tar.gz --quiet || die "pack failed"
"$RR" sp.tar.gz good --report arch.json --quiet; st=$?
expect_eq 0 "$st" "support pack from an archive"
expect_eq 4 "$(json_get arch.json "r['score']")" "score from an archive"

# Manifest errors name "support".
bad() {
	sed "s|\"support\": \"shared\"|\"support\": $1|" sp/pack.json >sp-bad.json
	rm -rf bad && cp -r sp bad && cp sp-bad.json bad/pack.json
	"$RR" validate bad >bad.out 2>&1; st=$?
	expect_eq 3 "$st" "support $1"
	grep -q "support" bad.out || die "no mention of support for $1: $(cat bad.out)"
	grep -q "$2" bad.out || die "expected '$2' for support $1: $(cat bad.out)"
}
bad '"nowhere"' "does not exist"
bad '"shared/lib.sh"' "must be a directory"
bad '"../sp"' "inside the pack"
bad '42' "string"
echo ok
