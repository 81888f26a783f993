# t1120: an exercise's "needs" and "prepare". A missing program or Python
# module ends every check with status error naming the Debian package
# (never a fail); a prepare step that fails ends every check with status
# error quoting what it printed; a good step runs once per runner - once
# for a whole grade batch, whose workers all see the same output - without
# the submission, and its output is read-only to the checks.
set -u
. "$LIB"

mkdir -p fx/e/starter fx/e/solution fx/e/tests
cat >fx/pack.json <<'JSON'
{ "format": 1, "id": "svc", "title": "Services", "stage": 1, "version": "1.0.0",
  "defaults": { "timeout": 5 },
  "exercises": [
    { "id": "noprog", "title": "P", "prompt": "e/prompt.md", "starter": "e/starter",
      "solution": "e/solution", "tests": "e/tests",
      "needs": [ { "program": "/usr/lib/rr-test/no-such-server", "package": "rr-no-such-server" },
                 { "program": "sh", "package": "dash" } ],
      "checks": [ { "id": "c", "run": ["sh", "tests/ok.sh"], "points": 1 } ] },
    { "id": "nomod", "title": "M", "prompt": "e/prompt.md", "starter": "e/starter",
      "solution": "e/solution", "tests": "e/tests",
      "needs": [ { "python_module": "rr_no_such_module", "package": "python3-rr-no-such" },
                 { "python_module": "json", "package": "python3" } ],
      "checks": [ { "id": "c", "run": ["sh", "tests/ok.sh"], "points": 1 } ] },
    { "id": "badprep", "title": "B", "prompt": "e/prompt.md", "starter": "e/starter",
      "solution": "e/solution", "tests": "e/tests",
      "prepare": { "run": ["sh", "tests/badprep.sh"] },
      "checks": [ { "id": "c1", "run": ["sh", "tests/ok.sh"], "points": 1 },
                  { "id": "c2", "run": ["sh", "tests/ok.sh"], "points": 1 } ] },
    { "id": "prep", "title": "G", "prompt": "e/prompt.md", "starter": "e/starter",
      "solution": "e/solution", "tests": "e/tests",
      "prepare": { "run": ["sh", "tests/prep.sh"] },
      "checks": [ { "id": "token", "run": ["sh", "tests/token.sh"], "points": 1 },
                  { "id": "readonly", "run": ["sh", "tests/readonly.sh"], "points": 1 } ] }
  ] }
JSON
echo "Anything." >fx/e/prompt.md
echo starter >fx/e/starter/work.txt
echo solution >fx/e/solution/work.txt
echo 'exit 0' >fx/e/tests/ok.sh
printf 'echo "initdb: could not create directory: boom"\nexit 3\n' >fx/e/tests/badprep.sh
# The step sees no submission (only tests/), and leaves a token no two
# runs of it share.
cat >fx/e/tests/prep.sh <<'SH'
[ "$(ls -A | tr '\n' ' ')" = "tests " ] || { echo "the step sees: $(ls -A)"; exit 1; }
mkdir prepared && cat /proc/sys/kernel/random/uuid >prepared/token
SH
printf 'cat tests/prepared/token\n' >fx/e/tests/token.sh
cat >fx/e/tests/readonly.sh <<'SH'
if echo x >>tests/prepared/token 2>/dev/null || rm -f tests/prepared/token 2>/dev/null && [ ! -e tests/prepared/token ]; then
	echo "wrote to the prepared output"; exit 1
fi
[ -s tests/prepared/token ]
SH
mkdir -p sub/noprog sub/nomod sub/badprep sub/prep

"$RR" fx sub --report r.json --quiet
for ex in noprog nomod; do
	expect_eq error "$(json_get r.json "[e for e in r['exercises'] if e['id']=='$ex'][0]['checks'][0]['status']")" "$ex status"
done
msg=$(json_get r.json "[e for e in r['exercises'] if e['id']=='noprog'][0]['checks'][0]['message']")
expect_eq "this exercise needs '/usr/lib/rr-test/no-such-server', which this machine does not have: install the Debian package (apt-get install rr-no-such-server)" "$msg" "missing program"
msg=$(json_get r.json "[e for e in r['exercises'] if e['id']=='nomod'][0]['checks'][0]['message']")
expect_eq "this exercise needs the Python module 'rr_no_such_module', which this machine does not have: install the Debian package (apt-get install python3-rr-no-such)" "$msg" "missing module"

for c in 0 1; do
	st=$(json_get r.json "[e for e in r['exercises'] if e['id']=='badprep'][0]['checks'][$c]['status']")
	expect_eq error "$st" "badprep check $c"
	msg=$(json_get r.json "[e for e in r['exercises'] if e['id']=='badprep'][0]['checks'][$c]['message']")
	case $msg in
	*'"prepare" step (sh) failed: exit status 3; it printed: initdb: could not create directory: boom'*) ;;
	*) die "badprep check $c: $msg" ;;
	esac
done
for c in 0 1; do
	st=$(json_get r.json "[e for e in r['exercises'] if e['id']=='prep'][0]['checks'][$c]['status']")
	expect_eq pass "$st" "prep check $c ($(json_get r.json "[e for e in r['exercises'] if e['id']=='prep'][0]['checks'][$c]"))"
done

# A batch: four submissions on two workers run the step once.
mkdir subs
for i in 1 2 3 4; do cp -R sub subs/s$i; done
"$RR" grade fx --submissions-dir subs -o out -j 2 --quiet
tokens=$(for i in 1 2 3 4; do json_get out/reports/s$i/report.json "[e for e in r['exercises'] if e['id']=='prep'][0]['checks'][0]['output'].strip()"; done | sort -u)
expect_eq 1 "$(echo "$tokens" | wc -l)" "distinct prepare outputs in one batch: $tokens"
[ -n "$tokens" ] || die "no token"
one=$(json_get r.json "[e for e in r['exercises'] if e['id']=='prep'][0]['checks'][0]['output'].strip()")
[ "$one" != "$tokens" ] || die "two runners shared a prepare output"
for i in 1 2 3 4; do
	msg=$(json_get out/reports/s$i/report.json "[e for e in r['exercises'] if e['id']=='badprep'][0]['checks'][1]['message']")
	case $msg in *"it printed: initdb"*) ;; *) die "s$i badprep: $msg" ;; esac
done
echo ok
