#!/usr/bin/python3
"""check_format.py FORMAT FILE REPORT [--hidden-visibility V]

Read FILE, rendered from the JSON report REPORT in FORMAT (junit, tap,
gradescope, exercism), with the consumer real CI systems use, and compare
what the consumer understood with the report:

  junit       xmllint --schema with Jenkins xunit's junit-10.xsd (Jenkins
              validates with it), python3-junitparser (JUnitXml.fromfile):
              suites, cases, result types; and gitlab_junit.py: the test
              cases as GitLab's parser records them, with what a learner
              sees (reason text, System Out, no forged attachment)
  tap         Perl's TAP::Parser via tap_dump.pl (what prove uses), YAML included,
              and every YAML block read again by a real YAML parser
              (python3-yaml, both its pure and its libyaml loader)
  gradescope  python3-jsonschema against docs/schema/gradescope-results.schema.json
  exercism    python3-jsonschema against docs/schema/exercism-results.schema.json

Hidden checks must leak nothing: no "SECRET" may appear in FILE (the fixture
reports plant it in hidden checks).

check_format.py selftest-schemas  checks that both schemas reject broken
documents, so a passing validation means something.

Exit status 0 when everything matches; otherwise every mismatch is printed.
"""
import json
import os
import resource
import subprocess
import sys

import jsonschema

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gitlab_junit  # noqa: E402
from gitlab_junit import xml_clean  # noqa: E402  (XML 1.0 repair, attachment tags broken)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ERROR_STATUSES = {"timeout", "memory", "output", "crash", "error"}
NOTE = "\nOutput was truncated. Please limit to 500 chars"  # the interface's words
problems = []


def expect(cond, what):
    if not cond:
        problems.append(what)
    return cond


def load_report(path):
    with open(path, "rb") as f:
        return json.loads(f.read().decode("utf-8", "replace"))


def checks_of(report):
    for ex in report.get("exercises", []):
        for ch in ex.get("checks", []):
            yield ex, ch


def questions_of(report):
    return report.get("quiz", {}).get("questions", [])




def schema(name):
    with open(os.path.join(ROOT, "docs", "schema", name)) as f:
        s = json.load(f)
    jsonschema.Draft202012Validator.check_schema(s)
    return jsonschema.Draft202012Validator(s)


def validate(validator, doc, what):
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    for e in errors:
        problems.append(f"{what}: schema: {'/'.join(map(str, e.path))}: {e.message}")
    return not errors


def check_junit(path, report):
    from junitparser import JUnitXml, Error, Failure, Skipped

    xsd = os.path.join(ROOT, "tests", "consumers", "junit-10.xsd")
    lint = subprocess.run(["xmllint", "--noout", "--schema", xsd, path],
                          capture_output=True, text=True, errors="replace")
    expect(lint.returncode == 0, f"junit: xmllint --schema junit-10.xsd: {lint.stderr[-2000:]}")
    gitlab_junit.check(path, report, problems)
    xml = JUnitXml.fromfile(path)
    pack = report["pack"]["id"]
    suites = {s.name: s for s in xml}
    total = {"tests": 0, "failures": 0, "errors": 0}
    for ex in report.get("exercises", []):
        s = suites.get(ex["id"])
        if not expect(s is not None, f"junit: no testsuite '{ex['id']}'"):
            continue
        want = {"tests": len(ex["checks"]),
                "failures": sum(c["status"] == "fail" for c in ex["checks"]),
                "errors": sum(c["status"] in ERROR_STATUSES for c in ex["checks"])}
        for k, v in want.items():
            expect(getattr(s, k) == v, f"junit: suite {ex['id']}: {k} {getattr(s, k)} != {v}")
            total[k] += v
        expect(s.skipped == 0, f"junit: suite {ex['id']}: skipped {s.skipped}")
        cases = {c.name: c for c in s}
        for ch in ex["checks"]:
            c = cases.get(ch["id"])
            if not expect(c is not None, f"junit: no testcase {ex['id']}/{ch['id']}"):
                continue
            where = f"junit: {ex['id']}/{ch['id']}"
            expect(c.classname == f"{pack}.{ex['id']}", f"{where}: classname {c.classname}")
            results = [r for r in c.result if isinstance(r, (Failure, Error, Skipped))]
            output = "" if ch["hidden"] else (ch.get("output") or "")
            if ch["status"] == "pass":
                expect(results == [], f"{where}: passed check has results {results}")
            else:
                kind = Failure if ch["status"] == "fail" else Error
                if not expect(len(results) == 1 and type(results[0]) is kind,
                              f"{where}: want one {kind.__name__}, got {results}"):
                    continue
                r = results[0]
                if ch["hidden"] or not ch.get("message"):
                    msg = f"{'hidden ' if ch['hidden'] else ''}check: {ch['status']}"
                else:
                    msg = xml_clean(ch["message"])
                expect(r.message == msg, f"{where}: message {r.message!r} != {msg!r}")
                expect(r.type == ch["status"], f"{where}: type {r.type!r}")
                # The reason is the element's text (GitLab shows nothing else);
                # the output is only in system-out.
                text = r.text or ""
                expect(text.startswith(f"{ch['status']}: ") or
                       (ch["hidden"] and text.startswith(f"hidden check failed ({ch['status']})")),
                       f"{where}: text {text[:200]!r} does not start with the status")
                if not ch["hidden"] and ch.get("message"):
                    expect(text.endswith("\n" + xml_clean(ch["message"])),
                           f"{where}: text {text[:200]!r} does not end with the message")
                expect(not output or xml_clean(output) not in text,
                       f"{where}: the output is repeated in the failure text")
            expect((c.system_out or "") == xml_clean(output),
                   f"{where}: system-out {c.system_out!r}")
    questions = questions_of(report)
    if questions:
        s = suites.get("quiz")
        if expect(s is not None, "junit: no quiz testsuite"):
            cases = {c.name: c for c in s}
            expect(s.tests == len(questions), f"junit: quiz tests {s.tests}")
            for q in questions:
                c = cases.get(q["id"])
                if not expect(c is not None, f"junit: no quiz case {q['id']}"):
                    continue
                failed = [r for r in c.result if isinstance(r, Failure)]
                expect(bool(failed) == (q["status"] != "correct"),
                       f"junit: quiz {q['id']}: results {c.result}")
        total["tests"] += len(questions)
        total["failures"] += sum(q["status"] != "correct" for q in questions)
    if not report.get("exercises") and not questions and report.get("status") != "pass":
        s = suites.get("roadmap-run")
        if expect(s is not None, "junit: an ungraded report has no error suite"):
            errs = [r for c in s for r in c.result if isinstance(r, Error)]
            expect(len(errs) == 1 and errs[0].message == report.get("message"),
                   f"junit: error suite results {errs}")
        total = {"tests": 1, "failures": 0, "errors": 1}
    for k, v in total.items():
        expect(getattr(xml, k) == v, f"junit: testsuites {k} {getattr(xml, k)} != {v}")


def yaml_blocks(path):
    """Each YAML block of a TAP file (between an indented "---" and the
    "..." at the same indent), parsed by PyYAML's safe loaders: the pure
    Python one and, when built, libyaml's."""
    import re
    import yaml
    with open(path, "rb") as f:
        text = f.read().decode("utf-8")  # a TAP file that is not UTF-8 fails here
    loaders = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])
    blocks = []
    for m in re.finditer(r"^( +)---\n(.*?)^\1\.\.\.\n", text, re.S | re.M):
        docs = []
        for loader in loaders:
            try:
                docs.append(yaml.load("---\n" + m.group(2), Loader=loader))
            except yaml.YAMLError as e:
                docs.append(e)
        blocks.append(docs)
    return blocks


TAP_CUT = "\n... cut here: TAP::Parser cannot read a longer quoted string; report.json has it all"


def same_or_cut(got, want):
    """got is want, or a prefix of it ending with format_tap.c's note."""
    if isinstance(got, str) and got.endswith(TAP_CUT):
        return want.startswith(got[:-len(TAP_CUT)]) and len(got) < len(want)
    return got == want


def yamlish_view(s):
    """TAP::Parser::YAMLish reads \\xHH but leaves \\uHHHH as written."""
    import re
    return re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1), 16)), s or "")


def check_tap(path, report):
    # TAP::Parser::YAMLish can loop while eating memory on some malformed
    # blocks: bound it, so a renderer bug fails the test instead of the host.
    def limits():
        resource.setrlimit(resource.RLIMIT_AS, (512 << 20, 512 << 20))
    out = subprocess.run(["perl", os.path.join(ROOT, "tests", "consumers", "tap_dump.pl"), path],
                         check=True, capture_output=True, timeout=30, preexec_fn=limits).stdout
    tap = json.loads(out)
    expect(tap["parse_errors"] == [], f"tap: TAP::Parser parse errors {tap['parse_errors']}")
    expect(tap["version"] == 13, f"tap: version {tap['version']}")
    points = [(f"{ex['id']}/{ch['id']}", ch) for ex, ch in checks_of(report)]
    points += [(f"quiz/{q['id']}", q) for q in questions_of(report)]
    if not points:
        expect(tap["plan"] == "1..1" and len(tap["tests"]) == 1 and not tap["tests"][0]["ok"],
               f"tap: an ungraded report must be one failing point: {tap}")
        expect(not tap["passed"], "tap: an ungraded report passes")
        return
    failing = [item for _, item in points if item["status"] not in ("pass", "correct")]
    blocks = yaml_blocks(path)
    expect(len(blocks) == len(failing), f"tap: {len(blocks)} YAML blocks for {len(failing)} failures")
    for item, docs in zip(failing, blocks):
        where = f"tap: yaml {item['id']}"
        for y in docs:
            if not expect(isinstance(y, dict), f"{where}: YAML parser rejects the block: {y}"):
                continue
            expect(y.get("status") == item["status"], f"{where}: status {y.get('status')!r}")
            expect(y.get("score") == item["score"], f"{where}: score {y.get('score')!r}")
            if item.get("hidden"):
                expect(set(y) == {"status", "score", "max_score", "hidden"}, f"{where}: hidden shows {sorted(y)}")
            elif "output" in item:
                for key in ("message", "output"):
                    if item.get(key):
                        want = item[key]
                        expect(same_or_cut(y.get(key), want),
                               f"{where}: YAML {key} {str(y.get(key))[:120]!r} != {want[:120]!r}")
    expect(tap["plan"] == f"1..{len(points)}", f"tap: plan {tap['plan']}")
    expect(len(tap["tests"]) == len(points), f"tap: {len(tap['tests'])} points")
    for (name, item), t in zip(points, tap["tests"]):
        where = f"tap: {name}"
        expect(t["description"] == f"- {name}", f"{where}: description {t['description']!r}")
        ok = item["status"] in ("pass", "correct")
        expect(t["ok"] == ok, f"{where}: ok {t['ok']}")
        y = t.get("yaml")
        if ok:
            expect(y is None, f"{where}: passing point has YAML")
            continue
        if not expect(isinstance(y, dict), f"{where}: no YAML block"):
            continue
        expect(y.get("status") == item["status"], f"{where}: yaml status {y.get('status')}")
        expect(str(y.get("score")) == str(item["score"]), f"{where}: yaml score")
        if item.get("hidden"):
            expect(set(y) == {"status", "score", "max_score", "hidden"},
                   f"{where}: hidden check YAML has {sorted(y)}")
        elif "output" in item:
            if item.get("message"):
                expect(same_or_cut(yamlish_view(y.get("message")), yamlish_view(item["message"])),
                       f"{where}: yaml message {y.get('message')!r}")
            want = yamlish_view(item.get("output"))
            got = yamlish_view(y.get("output"))
            expect(same_or_cut(got, want), f"{where}: yaml output {got[:200]!r} != {want[:200]!r}")
    expect(tap["passed"] == (report["status"] == "pass"),
           f"tap: TAP::Parser verdict {tap['passed']} for a '{report['status']}' report")


def check_gradescope(path, report, hidden_visibility):
    with open(path) as f:
        doc = json.load(f)
    validate(schema("gradescope-results.schema.json"), doc, "gradescope")
    expect(doc.get("score") == report["score"], f"gradescope: score {doc.get('score')}")
    expect(doc.get("execution_time") == report["duration_ms"] / 1000, "gradescope: execution_time")
    expect(doc.get("extra_data", {}).get("max_score") == report["max_score"], "gradescope: max_score")
    items = [(f"{ex['id']}/{ch['id']}", ch) for ex, ch in checks_of(report)]
    items += [(f"quiz/{q['id']}", q) for q in questions_of(report)]
    tests = doc.get("tests", [])
    expect(len(tests) == len(items), f"gradescope: {len(tests)} tests")
    for (name, item), t in zip(items, tests):
        where = f"gradescope: {name}"
        expect(t.get("name") == name, f"{where}: name {t.get('name')}")
        expect(t.get("score") == item["score"] and t.get("max_score") == item["max_score"],
               f"{where}: score {t.get('score')}/{t.get('max_score')}")
        passed = item["status"] in ("pass", "correct")
        expect(t.get("status") == ("passed" if passed else "failed"), f"{where}: status {t.get('status')}")
        vis = hidden_visibility if item.get("hidden") else "visible"
        expect(t.get("visibility") == vis, f"{where}: visibility {t.get('visibility')} != {vis}")
        if not item.get("hidden") and item.get("output"):
            expect(item["output"] in t.get("output", ""), f"{where}: output missing")
    # Gradescope hides the total from students while a test is hidden, but
    # shows the top-level output and every visible test: no total and no
    # score of an exercise with a hidden check may appear there.
    hidden_ex = [ex for ex in report.get("exercises", []) if any(c.get("hidden") for c in ex["checks"])]
    if hidden_ex:
        shown = [doc.get("output", "")]
        for t in tests:
            if t.get("visibility", doc.get("visibility", "visible")) == "visible":
                shown += [t.get("name", ""), t.get("output", ""), t.get("number", "")] + t.get("tags", [])
        shown = "\n".join(shown)
        pack = report["pack"]
        head = f"Pack '{pack['id']}' {pack['version']}: "
        expect(shown.startswith(head) and not shown[len(head):].startswith(f"{report['score']} of "),
               "gradescope: students see the total, which hidden checks contribute to")
        for ex in hidden_ex:
            label = f"\n{ex['id']} ({ex['title']}): " if ex.get("title") else f"\n{ex['id']}: "
            at = shown.find(label)
            expect(at >= 0 and shown[at + len(label):].startswith("has hidden checks, score not shown"),
                   f"gradescope: students see the score of '{ex['id']}', which hidden checks contribute to")
        expect(hidden_visibility in ("hidden", "after_due_date", "after_published"),
               "gradescope: hidden checks are visible")


def check_exercism(path, report):
    with open(path) as f:
        doc = json.load(f)
    validate(schema("exercism-results.schema.json"), doc, "exercism")
    expect(doc.get("version") == 3, "exercism: version")
    st = report.get("status")
    expect(doc.get("status") == (st if st in ("pass", "fail") else "error"), f"exercism: status {doc.get('status')}")
    tests = doc.get("tests", [])
    items = []
    for i, ex in enumerate(report.get("exercises", []), 1):
        items += [(f"{ex['id']}/{ch['id']}", ch, i) for ch in ex["checks"]]
    items += [(f"quiz/{q['id']}", q, None) for q in questions_of(report)]
    expect(len(tests) == len(items), f"exercism: {len(tests)} tests")
    for (name, item, task), t in zip(items, tests):
        where = f"exercism: {name}"
        expect(t.get("name") == name, f"{where}: name (file order) {t.get('name')}")
        s = item["status"]
        want = "pass" if s in ("pass", "correct") else "fail" if s in ("fail", "incorrect", "unanswered") else "error"
        expect(t.get("status") == want, f"{where}: status {t.get('status')} != {want}")
        expect(t.get("task_id") == task, f"{where}: task_id {t.get('task_id')}")
        if want != "pass":
            expect(isinstance(t.get("message"), str) and t["message"].strip(" \t\r\n\v\f"),
                   f"{where}: a test that did not pass has no message")
        if item.get("hidden"):
            expect("output" not in t and "test_code" not in t, f"{where}: hidden check shows {sorted(t)}")
        elif item.get("output"):
            out = t.get("output", "")
            expect(len(out) <= 500, f"{where}: output of {len(out)} characters")
            if len(item["output"]) > 500 or item.get("output_truncated"):
                expect(out.endswith(NOTE), f"{where}: truncated output without the note")
                expect(item["output"].startswith(out[:-len(NOTE)]), f"{where}: output is not a prefix")
            else:
                expect(out == item["output"], f"{where}: output changed")
        if not item.get("hidden") and item.get("run"):
            expect(t.get("test_code") == " ".join(item["run"]), f"{where}: test_code {t.get('test_code')!r}")


def selftest_schemas():
    """Each schema must reject documents that break the published spec."""
    g = schema("gradescope-results.schema.json")
    good = {"score": 1, "tests": [{"name": "a", "score": 1, "max_score": 1, "status": "passed",
                                   "visibility": "hidden"}]}
    expect(not list(g.iter_errors(good)), "gradescope: the good document is rejected")
    bad = [
        {"tests": [{"name": "a"}]},                                   # no score anywhere
        {"score": 1, "visibility": "secret"},                         # unknown visibility
        {"score": 1, "tests": [{"score": 1, "status": "ok"}]},        # status is passed/failed
        {"score": 1, "max_score": 2},                                 # no top-level max_score
        {"score": "1"},                                               # score is a number
        {"score": 1, "tests": [{"score": 1, "number": 1}]},           # number is a string
        {"score": 1, "output_format": "pdf"},
    ]
    for doc in bad:
        expect(list(g.iter_errors(doc)), f"gradescope schema accepts {doc}")
    e = schema("exercism-results.schema.json")
    good = {"version": 3, "status": "fail", "tests": [
        {"name": "a", "status": "fail", "message": "m", "output": "x" * 500, "task_id": 1}]}
    expect(not list(e.iter_errors(good)), "exercism: the good document is rejected")
    # What the interface allows although roadmap-run never writes it.
    for doc in ({"version": 3, "status": "error", "message": "x" * 70000, "tests": []},
                {"version": 3, "status": "fail", "tests": [{"name": "a", "status": "fail"}]},
                {"version": 1, "status": "pass"}):
        expect(not list(e.iter_errors(doc)), f"exercism schema rejects {str(doc)[:80]}, which the spec allows")
    bad = [
        {"version": 3, "status": "error", "tests": []},               # error needs a message
        {"version": 3, "status": "pass"},                             # v3 needs tests
        {"version": 4, "status": "pass", "tests": []},
        {"version": 3, "status": "ok", "tests": []},
        {"version": 1, "status": "fail"},                             # v1 fail needs a message
        {"version": 3, "status": "fail", "tests": [{"name": "a", "status": "pass", "output": "x" * 501}]},
        {"version": 3, "status": "pass", "tests": [{"name": "a", "status": "pass", "task_id": 0}]},
        {"version": 2, "status": "pass", "tests": [{"name": "a", "status": "pass", "task_id": 1}]},
        {"version": 3, "status": "error", "message": "", "tests": []},
        {"version": 3, "status": "pass", "tests": [{"status": "pass"}]},  # a test needs a name
        {"version": 3, "status": "pass", "tests": [], "extra": 1},
    ]
    for doc in bad:
        expect(list(e.iter_errors(doc)), f"exercism schema accepts {str(doc)[:120]}")


def main(argv):
    if argv[1:2] == ["selftest-schemas"]:
        selftest_schemas()
    else:
        fmt, path, report_path = argv[1:4]
        vis = "hidden"
        if len(argv) > 5 and argv[4] == "--hidden-visibility":
            vis = argv[5]
        report = load_report(report_path)
        with open(path, "rb") as f:
            expect(b"SECRET" not in f.read(), f"{fmt}: a hidden check's text leaked into {path}")
        {"junit": check_junit, "tap": check_tap, "exercism": check_exercism,
         "gradescope": lambda p, r: check_gradescope(p, r, vis)}[fmt](path, report)
    for p in problems:
        print("mismatch:", p[:400], file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
