# The class report: the numbers on the page are the gradebook's, a
# submission's name cannot add markup, the Markdown summary agrees, and the
# page loads in a real browser (headless Chromium) with the same numbers in
# its DOM. A screenshot is kept in $RR_REPORTS_DIR when it is set.
set -u
. "$LIB"
mkdir -p pack/e/starter pack/e/tests
echo '# E' >pack/e/prompt.md
cat >pack/pack.json <<'JSON'
{ "format": 1, "id": "cls", "title": "Class", "stage": 0, "version": "1.0.0",
  "exercises": [ { "id": "e", "title": "E", "prompt": "e/prompt.md", "starter": "e/starter", "tests": "e/tests",
    "checks": [ { "id": "has-a", "run": ["sh", "-c", "test -f a"], "points": 1 },
                { "id": "has-b", "run": ["sh", "-c", "test -f b"], "points": 1 },
                { "id": "has-c", "run": ["sh", "-c", "test -f c"], "points": 2, "hidden": true } ] } ] }
JSON
# Scores: full 4/4, 3/4 (a, c... no b), 1/4, 0/4, and one error row.
mkdir -p subs/full/e subs/most/e subs/one/e subs/none/e
touch subs/full/e/a subs/full/e/b subs/full/e/c subs/most/e/a subs/most/e/c subs/one/e/a
evil='x"><img src=x onerror="document.title=1"><script>document.title=2<\\script>'
mkdir -p "subs/$evil/e" && touch "subs/$evil/e/b"
ln -s /etc subs/linked
"$RR" grade pack --submissions-dir subs --out grades -q >/dev/null 2>&1
[ -f grades/gradebook.jsonl ] || die "no gradebook"
"$RR" report grades --markdown summary.md >out.txt 2>&1 || die "report: $(cat out.txt)"
[ -f grades/report.html ] || die "no report.html"
# The page's numbers against the gradebook's, read independently.
/usr/bin/python3 - grades <<'PY' || die "the page does not match the gradebook"
import html.parser, json, statistics, sys
d = sys.argv[1]
rows = [json.loads(l) for l in open(d + "/gradebook.jsonl") if l.strip()]
graded = [100.0 * r["score"] / r["max_score"] for r in rows if r["status"] != "error"]
class P(html.parser.HTMLParser):
    def __init__(s):
        super().__init__(); s.ids = {}; s.cur = None; s.bins = {}; s.scripts = 0; s.passes = {}
    def handle_starttag(s, tag, a):
        a = dict(a)
        if tag in ("script", "img"): s.scripts += 1
        if "id" in a: s.cur = a["id"]
        if tag == "rect" and "data-bin" in a: s.bins[int(a["data-bin"])] = int(a["data-count"])
    def handle_data(s, data):
        if s.cur and data.strip(): s.ids.setdefault(s.cur, data.strip())
    def handle_endtag(s, tag): s.cur = None
p = P(); p.feed(open(d + "/report.html").read())
assert p.scripts == 0, "a script or img element on the page"
assert p.ids["submissions"] == str(len(rows)), p.ids
assert p.ids["mean"] == "%.1f%%" % statistics.mean(graded), (p.ids["mean"], graded)
assert p.ids["median"] == "%.1f%%" % statistics.median(graded), (p.ids["median"], graded)
assert p.ids["errors"] == str(sum(r["status"] == "error" for r in rows)), p.ids
assert p.ids["passed"] == str(sum(r["status"] == "pass" for r in rows)), p.ids
bins = [0] * 10
for g in graded: bins[min(int(g // 10), 9)] += 1
assert [p.bins[i] for i in range(10)] == bins, (p.bins, bins)
PY
grep '"submission":"linked"' grades/gradebook.jsonl | grep -q '"status":"error"' ||
	die "the linked entry is not an error row: $(cat grades/gradebook.jsonl)"
expect_grep "^| 6 | " summary.md
expect_grep "e / has\\\\-b" summary.md
grep -q "<script>" summary.md && die "markup from a name reached the Markdown"
# In a real browser.
command -v chromium >/dev/null || die "chromium is not installed (scripts/install-deps installs it)"
chrome() {
	timeout 90 chromium --headless=new --no-sandbox --disable-gpu --no-first-run \
		--disable-dev-shm-usage --user-data-dir="$PWD/profile" "$@" 2>>chromium.err
}
chrome --dump-dom "file://$PWD/grades/report.html" >dom.html || die "chromium failed: $(tail -5 chromium.err)"
expect_grep 'id="submissions">6<' dom.html
grep -q "<img" dom.html && die "a submission's name added an element"
expect_grep "<title>cls - class report</title>" dom.html
mean=$(/usr/bin/python3 -c "import json,statistics; r=[json.loads(l) for l in open('grades/gradebook.jsonl')]; print('%.1f%%' % statistics.mean(100*x['score']/x['max_score'] for x in r if x['status']!='error'))")
expect_grep "id=\"mean\">$mean<" dom.html
if [ -n "${RR_REPORTS_DIR:-}" ]; then
	mkdir -p "$RR_REPORTS_DIR/artifacts"
	chrome --screenshot="$RR_REPORTS_DIR/artifacts/class-report.png" --window-size=1000,1400 \
		"file://$PWD/grades/report.html" >/dev/null || die "no screenshot"
fi
expect_status 3 "$RR" report nowhere
exit 0
