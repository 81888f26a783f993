# t3060: a batch never misleads. A regrade replaces all of a submission's
# outputs (no gradescope/results.json of an earlier grade survives one that
# ended in error.json); an empty class is exit 2, not a green gradebook;
# gradebooks record their shard and pack; merge refuses a missing, doubled
# or foreign shard, naming it (--allow-partial records what it merged),
# takes the CSV gradebook as well as the JSON Lines one, and merges an empty
# shard; unknown top-level entries are named, with "did you mean".
set -u
. "$LIB"
PY=/usr/bin/python3
PACK=$ROOT/tests/fixtures/quiz/pack

mkdir -p class
for n in ann bob cy dee; do
	mkdir -p class/$n/intro
	cp "$PACK/intro/starter/hello.py" class/$n/intro/
	echo '{ "format": 1, "answers": { "tls-needed": true } }' >class/$n/answers.json
done

# --- a regrade replaces every output ---------------------------------------------
"$RR" grade "$PACK" class/ann --out g --format gradescope --format junit -q; st=$?
expect_eq 1 "$st" "first grade"
[ -f g/reports/ann/gradescope/results.json ] && [ -f g/reports/ann/junit.xml ] ||
	die "no format files: $(ls -R g/reports)"
echo 'not a submission' >g/reports/ann/stray.txt
# The submission becomes ungradable (a file, not a directory) and is regraded.
mv class/ann class/ann.d && echo x >class/ann
"$RR" grade "$PACK" class/ann --out g --format gradescope --format junit -q 2>/dev/null
[ -f g/reports/ann/error.json ] || die "no error.json after the failed regrade"
left=$(cd g/reports/ann && find . -mindepth 1 | sort | tr '\n' ' ')
expect_eq "./error.json " "$left" "outputs after a regrade that ended in error"
ls -a g/reports | grep -q '^\.stage' && die "a staging directory was left: $(ls -a g/reports)"
rm class/ann && mv class/ann.d class/ann
"$RR" grade "$PACK" class/ann --out g --format gradescope -q
left=$(cd g/reports/ann && find . -mindepth 1 | sort | tr '\n' ' ')
expect_eq "./gradescope ./gradescope/results.json ./report.json " "$left" "outputs after a good regrade"
# A staging directory of a killed run (its pid gone) is swept.
mkdir -p g/reports/.stage.999999999.0 && touch g/reports/.stage.999999999.0/report.json
"$RR" grade "$PACK" class/ann --out g -q
[ -e g/reports/.stage.999999999.0 ] && die "a dead run's staging directory stayed"

# --- an empty class is an error ------------------------------------------------
mkdir empty
"$RR" grade "$PACK" --submissions-dir empty --out e >e.out 2>e.err; st=$?
expect_eq 2 "$st" "exit status of an empty --submissions-dir"
expect_grep "nothing to grade: 'empty' holds no submissions" e.err
[ -e e/gradebook.csv ] && die "an empty class wrote a gradebook"

# --- shards, recorded and checked ----------------------------------------------
"$RR" grade "$PACK" --submissions-dir class --out all -q
for k in 1 2 3; do "$RR" grade "$PACK" --submissions-dir class --shard $k/3 --out s$k -q; done
expect_eq "2/3" "$(json_get s2/gradebook.meta.json "r['shard']")" "shard in the meta file"
expect_eq "4 1" "$(json_get s2/gradebook.meta.json "str(r['listed']) + ' ' + str(r['rows'])")" "listed and rows"
json_get s2/gradebook.meta.json "r['pack_digest']" | grep -q '^sha256:' || die "no digest in the meta file"
expect_eq "2/3" "$(json_get s2/gradebook.jsonl "r['shard']")" "shard in a row"
expect_eq "shard,track" "$(head -n 1 s2/gradebook.csv | tr -d '\r' | awk -F, '{print $(NF-1) "," $NF}')" "last CSV columns"
same() {
	$PY - "$1" "$2" <<'PYEOF'
import json, sys
def jl(d):
    rows = [json.loads(l) for l in open(f"{d}/gradebook.jsonl")]
    for r in rows: r.pop("duration_ms")
    return rows
a, b = sys.argv[1:3]
assert jl(a) == jl(b), (jl(a), jl(b))
PYEOF
}
# The CSV gradebooks merge as the JSON Lines ones do.
"$RR" merge s1/gradebook.csv s2/gradebook.csv s3/gradebook.csv --out mcsv -q || die "merge of CSV gradebooks failed"
same mcsv all || die "merged CSV gradebooks differ from the unsharded run"
"$RR" merge s1 s2/gradebook.jsonl s3/gradebook.csv --out mmix -q || die "merge of mixed gradebooks failed"
same mmix all || die "merged mixed gradebooks differ"
# Missing, doubled, of another split, of another pack.
"$RR" merge s1 s3 --out bad >/dev/null 2>m.err; st=$?
expect_eq 3 "$st" "merge with a shard missing"
expect_grep "incomplete set of shards: missing 2/3 (1 of 3); give every shard's gradebook, or --allow-partial" m.err
[ -e bad/gradebook.csv ] && die "an incomplete merge wrote a gradebook"
"$RR" merge s1 s3 --out part --allow-partial >/dev/null 2>m.err || die "merge --allow-partial failed: $(cat m.err)"
expect_grep "warning: merging a partial set (--allow-partial): missing 2/3" m.err
expect_eq "1,3/3" "$(json_get part/gradebook.meta.json "r['shard']")" "shard of a partial merge"
"$RR" merge part s2 --out whole -q || die "merging a partial merge with the rest failed"
same whole all || die "partial merge plus the rest differs from the unsharded run"
expect_eq "1/1" "$(json_get whole/gradebook.meta.json "r['shard']")" "shard of a complete merge"
"$RR" merge s1 s2 s3 s2 --out bad >/dev/null 2>m.err; st=$?
expect_eq 3 "$st" "merge with a shard twice"
expect_grep "shard 2/3 is given twice: 's2/gradebook.jsonl' and 's2/gradebook.jsonl'" m.err
"$RR" grade "$PACK" --submissions-dir class --shard 1/2 --out h1 -q
"$RR" merge h1 s2 s3 --out bad >/dev/null 2>m.err; st=$?
expect_eq 3 "$st" "merge of shards of different splits"
expect_grep "different splits: 'h1/gradebook.jsonl' is shard 1/2, 's2/gradebook.jsonl' is shard 2/3" m.err
mkdir other && sed 's/sha256:[0-9a-f]*/sha256:0000/' s2/gradebook.jsonl >other/gradebook.jsonl
"$RR" merge s1 other s3 --out bad >/dev/null 2>m.err; st=$?
expect_eq 3 "$st" "merge of shards of different packs"
expect_grep "different packs" m.err
# A gradebook cut short since it was written.
mkdir cut && head -n 1 all/gradebook.jsonl >cut/gradebook.jsonl && cp all/gradebook.meta.json cut/
"$RR" merge cut --out bad >/dev/null 2>m.err; st=$?
expect_eq 3 "$st" "merge of a gradebook cut short"
expect_grep "holds 1 rows, its gradebook.meta.json says 4" m.err
# A file that is no gradebook.
echo 'hello' >nota.csv
"$RR" merge nota.csv --out bad >/dev/null 2>m.err; st=$?
expect_eq 3 "$st" "merge of a file that is no gradebook"
expect_grep "is neither a gradebook.jsonl nor a gradebook.csv" m.err
# An empty shard (more shards than submissions) is graded, exit 0, and merges.
for k in 1 2 3 4 5; do
	"$RR" grade "$PACK" --submissions-dir class --shard $k/5 --out e$k -q; st=$?
	[ $k -eq 5 ] && expect_eq 0 "$st" "exit status of an empty shard"
done
expect_eq "0" "$(json_get e5/gradebook.meta.json "r['rows']")" "rows of the empty shard"
"$RR" merge e1 e2 e3 e4 e5 --out eall -q || die "merge with an empty shard failed"
same eall all || die "merge with an empty shard differs"
"$RR" merge e1 e2 e3 e4 --out bad >/dev/null 2>m.err; st=$?
expect_eq 3 "$st" "merge without the empty shard"
expect_grep "missing 5/5" m.err

# Every gradebook row and meta file written above fits the schema.
$PY - "$ROOT/docs/schema/gradebook.schema.json" */gradebook.jsonl */gradebook.meta.json <<'PYEOF' || die "a gradebook does not fit docs/schema/gradebook.schema.json"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
v = jsonschema.Draft202012Validator(schema)
n = 0
for f in sys.argv[2:]:
    docs = [json.loads(l) for l in open(f)] if f.endswith(".jsonl") else [json.load(open(f))]
    for d in docs:
        v.validate(d)
        if "status" in d:
            assert d["status"] == "pass" or d["message"], d
        n += 1
assert n > 40, n
PYEOF

# --- unknown top-level entries ----------------------------------------------------
mkdir -p odd/Intro
cp "$PACK/intro/starter/hello.py" odd/Intro/
cp "$PACK/intro/starter/hello.py" odd/intro.py
echo '{}' >odd/answer.json
echo notes >odd/notes.txt
"$RR" "$PACK" odd --report odd.json -q 2>odd.err
expect_grep "submission entries not graded (no exercise of the pack has their name): 'Intro' (did you mean 'intro/'?), 'answer.json' (did you mean 'answers.json'?), 'intro.py' (did you mean 'intro/'?), 'notes.txt'" odd.err
expect_eq "Intro:intro/ answer.json:answers.json intro.py:intro/ notes.txt:-" \
	"$(json_get odd.json "' '.join(e['name'] + ':' + e.get('did_you_mean', '-') for e in r['unknown_entries'])")" \
	"unknown_entries in the report"
"$RR" grade "$PACK" odd --out go -q
json_get go/gradebook.jsonl "r['message']" | grep -q "'Intro' (did you mean 'intro/'?)" || die "no unknown entries in the gradebook message"
# A clean submission has none; a pass with a stray file still says so.
"$RR" "$PACK" class/bob --report bob.json -q 2>bob.err
grep -q "not graded (no exercise" bob.err && die "unknown entries in a clean submission: $(cat bob.err)"
json_get bob.json "'unknown_entries' in r" | grep -q false || die "unknown_entries in a clean report"
exit 0
