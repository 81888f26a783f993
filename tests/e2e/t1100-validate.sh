# `roadmap-run validate` must catch what an author gets wrong: a vacuous
# check, a missing file, an unsound quiz answer key, a check that catches no
# mistake, a reference that fails, a starter with full marks, and a check
# that rejects an accepted alternative (another correct solution).
set -u
. "$LIB"

mk_pack() {
	rm -rf p; mkdir -p p/e/starter p/e/solution p/e/wrong/off-by-one p/e/accept/padded p/e/tests
	echo "Write n.txt containing 42." >p/e/prompt.md
	echo 0 >p/e/starter/n.txt
	echo 42 >p/e/solution/n.txt
	echo 41 >p/e/wrong/off-by-one/n.txt
	printf '42  \n' >p/e/accept/padded/n.txt
	printf 'test $(cat n.txt 2>/dev/null) = 42\n' >p/e/tests/check.sh
	cat >p/pack.json <<JSON
{ "format": 1, "id": "v", "title": "V", "stage": 1, "version": "1.0.0",
  "exercises": [ { "id": "e", "title": "E", "prompt": "e/prompt.md", "starter": "e/starter",
    "solution": "e/solution", "wrong": "e/wrong", "accept": "e/accept", "tests": "e/tests",
    "checks": [ { "id": "right", "run": ["sh", "tests/check.sh"], "points": 1 } $1 ] } ],
  "quiz": [ { "id": "q", "type": "single", "prompt": "2+2?", "choices": ["3", "4"],
              "answer": $2, "explanation": "Arithmetic." } ] }
JSON
	chmod -R a+rX p
}

# A sound pack validates.
mk_pack "" 1
"$RR" validate p >out.txt 2>&1 || { cat out.txt; die "a sound pack must validate"; }
expect_grep "0 problems" out.txt
expect_grep "solution 1/1, empty 0/1, starter 0/1, wrong/off-by-one 0/1, accept/padded 1/1" out.txt
"$RR" list p >list.txt 2>&1 || die "list failed"
expect_grep "validated against 1 wrong solution and 1 accepted alternative" list.txt

# A check that rejects a correct alternative (a false negative) is a problem,
# named with the alternative and the check's message. The lazy check below
# compares bytes, so the padded answer the prompt allows fails it.
mk_pack ', { "id": "strict", "run": ["sh", "-c", "test \"$(cat n.txt)\" = 42 || { echo want exactly 42; exit 1; }"], "points": 1 }' 1
"$RR" validate p >out.txt 2>&1; st=$?
expect_eq 3 "$st" "exit status when a check rejects an accepted alternative"
expect_grep "e/strict.*rejects the correct accept/padded: fail: exited with status 1" out.txt
grep "e/right.*rejects" out.txt && die "the tolerant check accepts the alternative"
expect_grep "accept/padded 1/2" out.txt

# An accepted alternative that scores full marks is not "a wrong solution with full marks".
mk_pack "" 1
"$RR" validate p 2>&1 | grep -q "accept/padded scores full marks" && die "an accepted alternative counted as wrong"

# A vacuous check (passes on an empty submission) is named.
mk_pack ', { "id": "always", "run": ["true"], "points": 1 }' 1
"$RR" validate p >out.txt 2>&1; st=$?
expect_eq 3 "$st" "exit status with a vacuous check"
expect_grep "e/always.*vacuous: passes on an empty submission" out.txt
expect_grep "catches no mistake" out.txt

# A reference solution that fails a check is named with the check's message.
mk_pack ', { "id": "wants-43", "run": ["sh", "-c", "test \"$(cat n.txt)\" = 43 || { echo expected 43; exit 1; }"], "points": 1 }' 1
"$RR" validate p >out.txt 2>&1; st=$?
expect_eq 3 "$st" "exit status when the reference fails"
expect_grep "fails on the reference solution: fail: exited with status 1" out.txt

# An unsound answer key (index out of range) is a pack error with its path.
mk_pack "" 5
"$RR" validate p >out.txt 2>&1; st=$?
expect_eq 3 "$st" "exit status with an unsound answer key"
expect_grep "quiz\[0\].answer" out.txt

# A missing referenced file is named.
mk_pack "" 1
rm p/e/prompt.md
"$RR" validate p >out.txt 2>&1; st=$?
expect_eq 3 "$st" "exit status with a missing prompt"
expect_grep "exercises\[0\].prompt: 'e/prompt.md' does not exist" out.txt

# A starter that already scores full marks is a defect.
mk_pack "" 1
echo 42 >p/e/starter/n.txt
"$RR" validate p >out.txt 2>&1; st=$?
expect_eq 3 "$st" "exit status when the starter has full marks"
expect_grep "the starter scores full marks" out.txt

# A check that trusts the exit status of the learner's own script is
# foolable: a script that just exits 0 passes it. validate warns (exit 0).
mk_pack ', { "id": "trusting", "run": ["sh", "run.sh"], "points": 1 }' 1
printf 'test $(cat n.txt) = 42\n' >p/e/solution/run.sh
cp p/e/solution/run.sh p/e/accept/padded/run.sh
printf 'exit 1\n' >p/e/starter/run.sh
"$RR" validate p >out.txt 2>&1; st=$?
expect_eq 0 "$st" "warnings alone do not fail validate"
expect_grep "e/trusting.*foolable" out.txt
grep "e/right" out.txt | grep -q foolable && die "the check that reads the result itself is not foolable"

# A TAP check that prints the learner's value into a description without
# escaping '#': the wrong solution's value " # TODO" becomes a directive
# and passes its failing test. validate names it (a warning, exit 0); the
# same check escaping '\' and '#' gets no such warning.
mk_pack ', { "id": "echoes", "run": ["sh", "tests/tap.sh"], "points": 1, "kind": "tap" }' 1
printf ' # TODO\n' >p/e/wrong/off-by-one/n.txt
cat >p/e/tests/tap.sh <<'SH'
got=$(sed 's/ *$//' n.txt 2>/dev/null)
echo "1..1"
if [ "$got" = 42 ]; then echo "ok 1 - n.txt holds 42"; else echo "not ok 1 - n.txt holds $got"; fi
SH
"$RR" validate p >out.txt 2>&1; st=$?
expect_eq 0 "$st" "a directive warning alone does not fail validate"
expect_grep "e/echoes'.*under the wrong/off-by-one submission, test 1 'n.txt holds' carries '# TODO'" out.txt
expect_grep "and '#' as '.#' there" out.txt
cat >p/e/tests/tap.sh <<'SH'
got=$(sed 's/ *$//; s/\\/\\\\/g; s/#/\\#/g' n.txt 2>/dev/null)
echo "1..1"
if [ "$got" = 42 ]; then echo "ok 1 - n.txt holds 42"; else echo "not ok 1 - n.txt holds $got"; fi
SH
"$RR" validate p >out.txt 2>&1
grep -q "carries '# TODO'" out.txt && { cat out.txt; die "an escaped description still warns"; }
expect_grep "0 problems" out.txt

expect_status 2 "$RR" validate >/dev/null 2>&1
expect_status 0 "$RR" validate --help >/dev/null
exit 0
