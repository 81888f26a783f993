# t3080: the sharding examples of docs/ci.md other than Slurm (t3070), as
# far as they run without their platform. The Kubernetes Indexed Job:
# its manifest is YAML that fits the batch/v1 Job fields it uses (a subset
# schema, unknown keys refused, so a typo such as `parallelizm` fails), its
# completions match the N of --shard, and its container's script runs here
# for every JOB_COMPLETION_INDEX, then the docs' merge: the result equals one
# unsharded run. The GitHub Actions matrix: the workflow is YAML whose
# matrix, --shard N and merge list agree, and its grade and merge steps run
# for every matrix value. No cluster and no runner are needed.
set -u
. "$LIB"
PY=/usr/bin/python3
PACK=$ROOT/tests/fixtures/quiz/pack

# The block after the marker comment naming this test, in docs/ci.md.
block() {
	$PY - "$ROOT/docs/ci.md" "$1" <<'PYEOF'
import re, sys
text = open(sys.argv[1]).read()
m = re.search(r"<!-- tests/e2e/t3080-ci-shard-examples.sh " + re.escape(sys.argv[2]) +
              r"[^>]*-->\n```yaml\n(.*?)```", text, re.S)
if not m:
    sys.exit(f"no yaml block marked '{sys.argv[2]}' for t3080 in docs/ci.md")
print(m.group(1), end="")
PYEOF
}
block "validates this manifest" >job.yaml || die "no Kubernetes manifest"
block "checks this workflow" >workflow.yaml || die "no GitHub Actions workflow"

# The class, on what stands for the Job's shared volume (/data).
mkdir -p data/packs data/class bin
ln -s "$RR" bin/roadmap-run
PATH=$PWD/bin:$PATH
export PATH
"$RR" pack "$PACK" -o data/packs/security.tar.gz --quiet || die "pack failed"
for i in 1 2 3 4 5; do
	mkdir -p data/class/s$i/intro
	[ $((i % 2)) -eq 0 ] && cp "$PACK/intro/starter/hello.py" data/class/s$i/intro/
	echo '{ "format": 1, "answers": { "rtt-ms": '$((50 + 3 * i))' } }' >data/class/s$i/answers.json
done

# --- Kubernetes: the manifest ---------------------------------------------------------
check_job() {
	$PY - "$1" <<'PYEOF'

import json, re, sys, yaml, jsonschema
doc = yaml.safe_load(open(sys.argv[1]))
def obj(props, required=(), extra=False):
    return {"type": "object", "properties": props, "required": list(required),
            "additionalProperties": extra}
strs = {"type": "array", "items": {"type": "string"}}
quantity = {"type": ["string", "integer"]}
container = obj({
    "name": {"type": "string", "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},
    "image": {"type": "string"}, "command": strs, "args": strs,
    "env": {"type": "array"},
    "resources": obj({"limits": {"type": "object", "additionalProperties": quantity},
                      "requests": {"type": "object", "additionalProperties": quantity}}),
    "volumeMounts": {"type": "array", "items": obj(
        {"name": {"type": "string"}, "mountPath": {"type": "string"},
         "readOnly": {"type": "boolean"}}, ["name", "mountPath"])},
}, ["name", "image"])
schema = obj({
    "apiVersion": {"const": "batch/v1"},
    "kind": {"const": "Job"},
    "metadata": obj({"name": {"type": "string", "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},
                     "labels": {"type": "object"}}, ["name"]),
    "spec": obj({
        "completionMode": {"enum": ["Indexed", "NonIndexed"]},
        "completions": {"type": "integer", "minimum": 1},
        "parallelism": {"type": "integer", "minimum": 1},
        "backoffLimit": {"type": "integer", "minimum": 0},
        "backoffLimitPerIndex": {"type": "integer", "minimum": 0},
        "template": obj({"metadata": {"type": "object"}, "spec": obj({
            "restartPolicy": {"enum": ["OnFailure", "Never"]},
            "containers": {"type": "array", "minItems": 1, "items": container},
            "volumes": {"type": "array", "items": obj({
                "name": {"type": "string"},
                "persistentVolumeClaim": obj({"claimName": {"type": "string"},
                                              "readOnly": {"type": "boolean"}}, ["claimName"]),
            }, ["name"])},
        }, ["containers", "restartPolicy"])}, ["spec"]),
    }, ["template", "completions", "completionMode"]),
}, ["apiVersion", "kind", "metadata", "spec"])
jsonschema.Draft202012Validator(schema).validate(doc)
spec = doc["spec"]
assert spec["completionMode"] == "Indexed", "an Indexed Job is what sets JOB_COMPLETION_INDEX"
c = spec["template"]["spec"]["containers"][0]
script = " ".join(c["args"])
assert c["command"] == ["sh", "-c"], c["command"]
m = re.search(r"--shard \$\(\(JOB_COMPLETION_INDEX \+ 1\)\)/(\d+)", script)
assert m, script
assert int(m.group(1)) == spec["completions"], (m.group(1), spec["completions"])
mounts = {v["name"] for v in c["volumeMounts"]}
assert mounts <= {v["name"] for v in spec["template"]["spec"]["volumes"]}, mounts
json.dump(script, open("job.script.json", "w"))
print(spec["completions"])
PYEOF
}
check_job job.yaml >job.env || die "the Kubernetes manifest is not a valid Indexed Job"
N=$(cat job.env)
# A typo in a field is caught (the subset schema refuses unknown keys).
sed 's/parallelism:/parallelizm:/' job.yaml >typo.yaml
$PY -c 'import yaml,sys; d=yaml.safe_load(open(sys.argv[1])); assert "parallelizm" in d["spec"]' typo.yaml ||
	die "the typo test did not plant its typo"
check_job typo.yaml >/dev/null 2>typo.err && die "a manifest with 'parallelizm' passed the schema"
expect_grep "Additional properties are not allowed ('parallelizm' was unexpected)" typo.err

# --- Kubernetes: the container's script, once per index, then the merge --------------
script=$($PY -c 'import json; print(json.load(open("job.script.json")))' | sed "s#/data#$PWD/data#g")
k=0
while [ $k -lt "$N" ]; do
	JOB_COMPLETION_INDEX=$k sh -c "$script" >/dev/null 2>job-$k.err || die "index $k failed: $(cat job-$k.err)"
	k=$((k + 1))
done
merge=$(grep -o '`roadmap-run merge /data/grades/shard-\* --out /data/grades/all`' "$ROOT/docs/ci.md" | tr -d '`')
[ -n "$merge" ] || die "no merge command after the Kubernetes manifest in docs/ci.md"
sh -c "$(echo "$merge" | sed "s#/data#$PWD/data#g") -q" || die "the docs' merge failed"
"$RR" grade data/packs/security.tar.gz --submissions-dir data/class --out local -q
same() {
	$PY - "$1" "$2" <<'PYEOF'
import json, sys
def jl(d):
    rows = [json.loads(l) for l in open(f"{d}/gradebook.jsonl")]
    for r in rows: r.pop("duration_ms")
    return rows
a, b = sys.argv[1:3]
assert len(jl(a)) == 5 and jl(a) == jl(b), (jl(a), jl(b))
assert json.load(open(f"{a}/gradebook.meta.json")) == json.load(open(f"{b}/gradebook.meta.json"))
PYEOF
}
same data/grades/all local || die "the Indexed Job's shards merged differ from one run"

# --- GitHub Actions: the matrix workflow ---------------------------------------------
$PY - workflow.yaml >gh.env <<'PYEOF' || die "the GitHub Actions workflow does not hold together"
import re, sys, yaml
wf = yaml.safe_load(open(sys.argv[1]))
jobs = wf["jobs"]
shards = jobs["grade"]["strategy"]["matrix"]["shard"]
n = len(shards)
assert shards == list(range(1, n + 1)), shards
run = [s["run"] for s in jobs["grade"]["steps"] if "--shard" in s.get("run", "")]
assert len(run) == 1 and f"--shard ${{{{ matrix.shard }}}}/{n}" in run[0], run
assert jobs["merge"]["needs"] == "grade"
merge = [s["run"] for s in jobs["merge"]["steps"] if "roadmap-run merge" in s.get("run", "")]
assert len(merge) == 1 and all(f"shard-{k}" in merge[0] for k in shards), merge
grade = " ".join(run[0].split())
merge = [l.strip() for l in merge[0].splitlines() if "roadmap-run merge" in l][0]
print(n)
open("gh.grade", "w").write(grade)
open("gh.merge", "w").write(merge)
PYEOF
N=$(cat gh.env)
mkdir gh && cp -R data/packs data/class gh/ && cd gh || die "cd gh"
k=1
while [ $k -le "$N" ]; do
	sh -c "$(sed "s/\${{ matrix.shard }}/$k/g" ../gh.grade)" >/dev/null 2>../gh-$k.err ||
		die "the matrix grade step failed for shard $k: $(cat ../gh-$k.err)"
	k=$((k + 1))
done
sh -c "$(cat ../gh.merge) -q" || die "the workflow's merge failed"
cd .. || die "cd .."
same gh/grades local || die "the matrix's shards merged differ from one run"
exit 0
