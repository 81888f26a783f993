# Schemas: every shipped pack.json is valid against docs/schema/pack.schema.json,
# and so is a quiz made by quiz-import; known-bad packs are rejected. Each
# bad pack is also rejected by the runner, and each good variant accepted,
# so the schema and manifest.c say the same thing.
set -u
. "$LIB"
V="/usr/bin/python3 $ROOT/tests/schemas/validate.py"
S=$ROOT/docs/schema/pack.schema.json

n=$(ls "$ROOT"/exercises/*/pack.json | wc -l)
[ "$n" -ge 1 ] || die "no packs in exercises/"
$V "$S" "$ROOT"/exercises/*/pack.json "$ROOT/tests/fixtures/quiz/pack/pack.json" || die "a shipped pack is invalid"

# variants of the fixture pack: name, then a Python statement over p (the
# parsed pack.json); q0..q4 are its questions, c its only check
FX=$ROOT/tests/fixtures/quiz/pack
/usr/bin/python3 - "$FX/pack.json" <<'PY'
import copy, json, os, shutil, sys
base = json.load(open(sys.argv[1]))
fx = os.path.dirname(sys.argv[1])
good = {
    "x-fields": "p['x-tool']=1; e['x-a']=[]; c['x-b']=2; q[0]['x-c']=3; p['defaults']={'timeout':1,'x-d':0}",
    "regex-only-text": "q[3].pop('accept'); q[3]['regex']=['s+']",
    "output-check": "c.update(kind='output', expected='tests/check.sh', compare='exact', stdin='tests/check.sh')",
    "limits-everywhere": "p['defaults']={'timeout':0.5,'memory_mb':16,'processes':1,'output_kb':1}; e['timeout']=600; c['output_kb']=65536",
    "no-quiz": "p.pop('quiz')",
    "tap-hidden-loopback": "c.update(kind='tap', hidden=True, network='loopback', description='d')",
    "version-suffix": "p['version']='2.0.0-rc.1+b7'",
}
bad = {
    "unknown-top-field": "p['timout']=5",
    "unknown-check-field": "c['timout']=5",
    "unknown-question-field": "q[0]['hint']='x'",
    "format-2": "p['format']=2",
    "bad-pack-id": "p['id']='Security'",
    "long-id": "p['id']='a'*65",
    "bad-version": "p['version']='1.0'",
    "no-exercises": "p['exercises']=[]",
    "no-checks": "e['checks']=[]",
    "empty-run": "c['run']=[]",
    "empty-command": "c['run']=['']",
    "negative-points": "c['points']=-1",
    "bad-kind": "c['kind']='junit'",
    "output-without-expected": "c['kind']='output'",
    "expected-on-exit-check": "c['expected']='tests/check.sh'",
    "compare-on-tap-check": "c.update(kind='tap', compare='exact')",
    "expected-outside-tests": "c.update(kind='output', expected='check.sh')",
    "zero-timeout": "c['timeout']=0",
    "timeout-too-long": "e['timeout']=601",
    "memory-too-small": "p['defaults']={'memory_mb':8}",
    "unknown-limit": "p['defaults']={'cpu':1}",
    "absolute-path": "e['starter']='/etc'",
    "dotdot-path": "e['tests']='intro/../../x'",
    "bad-network": "c['network']='host'",
    "question-bad-type": "q[0]['type']='essay'",
    "question-no-explanation": "q[0].pop('explanation')",
    "question-blank-prompt": "q[0]['prompt']='   '",
    "single-without-choices": "q[0].pop('choices')",
    "single-answer-string": "q[0]['answer']='443'",
    "single-one-choice": "q[0]['choices']=['443']",
    "duplicate-choices": "q[0]['choices']=['80','80','443']",
    "multiple-empty-answer": "q[1]['answer']=[]",
    "multiple-duplicate-index": "q[1]['answer']=[0,0]",
    "bool-with-choices": "q[2]['choices']=['yes','no']",
    "bool-answer-string": "q[2]['answer']='true'",
    "text-without-accept-or-regex": "q[3].pop('accept'); q[3].pop('regex')",
    "text-empty-lists": "q[3]['accept']=[]; q[3]['regex']=[]",
    "text-with-answer": "q[3]['answer']='x'",
    "number-negative-tolerance": "q[4]['tolerance']=-1",
    "number-with-case-flag": "q[4]['case_sensitive']=True",
    "points-fraction": "q[4]['points']=1.5",
}
for kind, table in (("good", good), ("bad", bad)):
    for name, stmt in table.items():
        d = "%s-%s" % (kind, name)
        shutil.copytree(fx, d)
        p = copy.deepcopy(base)
        e = p["exercises"][0]
        c = e["checks"][0]
        q = p.get("quiz", [])
        exec(stmt)
        with open(os.path.join(d, "pack.json"), "w") as f:
            json.dump(p, f, indent=1)
PY
[ -d bad-format-2 ] || die "variants were not generated"

$V "$S" good-*/pack.json || die "a good variant was rejected by the schema"
$V --invalid "$S" bad-*/pack.json || die "the schema accepted a known-bad pack"
for d in good-*; do
	"$RR" list "$d" >out.txt 2>&1 || { cat out.txt; die "the runner rejects $d"; }
done
for d in bad-*; do
	"$RR" list "$d" >out.txt 2>&1
	st=$?
	[ "$st" -eq 3 ] || { cat out.txt; die "the runner accepts $d (exit $st) but the schema rejects it"; }
done

# a quiz made by quiz-import is a valid "quiz"
"$RR" quiz-import --quiet --skip-unsupported "$ROOT/tests/fixtures/gift/moodle-features.gift" >q1.json
"$RR" quiz-import --quiet "$ROOT/tests/fixtures/gift/http-basics.gift" >q2.json
/usr/bin/python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))
p["quiz"] = json.load(open(sys.argv[2])) + json.load(open(sys.argv[3]))
json.dump(p, open("imported.json", "w"))' "$FX/pack.json" q1.json q2.json
$V "$S" imported.json || die "quiz-import output is not a valid quiz"
echo "ok"
