# pack-fixture.sh - a small valid pack in ./fx for the t20xx pack tests
# (sourced). One exercise with a starter, a solution, one wrong solution
# and an executable test script.
mkdir -p fx/add/starter fx/add/solution fx/add/wrong/off-by-one fx/add/tests
cat >fx/pack.json <<'JSON'
{ "format": 1, "id": "fixture", "title": "Fixture", "stage": 1, "version": "1.2.3",
  "defaults": { "timeout": 2 },
  "exercises": [ { "id": "add", "title": "Add", "prompt": "add/prompt.md",
    "starter": "add/starter", "solution": "add/solution", "wrong": "add/wrong",
    "tests": "add/tests",
    "checks": [
      { "id": "sum", "run": ["sh", "tests/check.sh"], "points": 2 },
      { "id": "exec", "run": ["tests/check.sh"], "points": 1 }
    ] } ] }
JSON
echo "Write add.sh printing the sum of its two arguments." >fx/add/prompt.md
printf '#!/bin/sh\necho 0\n' >fx/add/starter/add.sh
printf '#!/bin/sh\necho $(($1 + $2))\n' >fx/add/solution/add.sh
printf '#!/bin/sh\necho $(($1 + $2 + 1))\n' >fx/add/wrong/off-by-one/add.sh
cat >fx/add/tests/check.sh <<'SH'
#!/bin/sh
got=$(sh add.sh 2 3); [ "$got" = 5 ] || { echo "expected 5, got '$got'"; exit 1; }
SH
chmod 755 fx/add/tests/check.sh
mkdir -p good/add
cp fx/add/solution/add.sh good/add/
chmod -R a+rX . 2>/dev/null
