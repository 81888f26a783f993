#!/usr/bin/python3
"""gitlab_junit.py JUNIT.xml REPORT - read junit.xml the way GitLab's unit
test report parser does, and assert what a learner sees there.

GitLab (lib/gitlab/ci/parsers/test/junit.rb, read 2026-12-07) does not walk
the XML tree itself: it turns the whole document into a hash with
ActiveSupport's XML converter (Hash.from_xml rules, through
Gitlab::XmlConverter and Nokogiri), then reads that hash:

  - an element becomes a hash of its children, its attributes (set after
    the children, so an attribute wins over a child of the same name) and
    its text under "__content__", dropped when blank and there are
    children; a repeated child becomes a list; "-" in names becomes "_";
  - typecasting: an element whose "type" attribute is "symbol" or "yaml"
    makes the whole report fail to parse; a "type" ActiveSupport knows
    ("integer", "boolean", ...) converts the text; an element with
    non-blank text becomes that text alone (its attributes, the failure
    message among them, are dropped); one without text stays a hash;
  - testcases are collected under <testsuites>/<testsuite>, the suite
    name being the testsuite's name attribute;
  - a testcase with <failure> is "failed", with <error> "error", with
    <skipped> "skipped", else "success"; what GitLab shows as the test's
    output is [failure or error text, "System Out:\\n\\n" + system-out,
    "System Err:\\n\\n" + system-err] joined by blank lines;
  - the first [[ATTACHMENT|path]] in system-out of a failed or errored
    test becomes a link to a job artifact.

Used by check_format.py; run alone it prints every mismatch and exits 1.
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

# ActiveSupport::XmlMini::PARSING keys and XMLConverter::DISALLOWED_TYPES.
TYPED = {"symbol", "date", "datetime", "dateTime", "duration", "integer", "float",
         "double", "decimal", "boolean", "string", "yaml", "base64Binary",
         "hexBinary", "file", "array"}
DISALLOWED = {"symbol", "yaml"}
# GitLab's pattern (the older one was .+? for the path; both need "[[ATTACHMENT|").
ATTACHMENT = re.compile(r"\[\[ATTACHMENT\|(?P<path>[^\[\]\|]+?)\]\]")
ATTACHMENT_OLD = re.compile(r"\[\[ATTACHMENT\|(?P<path>.+?)\]\]")


class GitLabRejects(Exception):
    pass


class Unshown:
    """A value GitLab would print with Ruby's Hash#to_s: not text a learner
    can read (for example a <failure> without text)."""
    def __init__(self, value):
        self.value = value

    def __repr__(self):
        return f"Unshown({self.value!r})"


def blank(s):
    return s is None or s.strip() == "" or all(c.isspace() for c in s)


def node_to_hash(elem, parent):
    """Nokogiri Node#to_hash as ActiveSupport's XmlMini defines it."""
    node = {}
    name = elem.tag.replace("-", "_")          # normalize_keys
    existing = parent.get(name)
    if isinstance(existing, list):
        existing.append(node)
    elif isinstance(existing, dict):
        parent[name] = [existing, node]
    else:
        parent[name] = node
    content = elem.text or ""
    has_text = elem.text is not None
    for child in elem:
        node_to_hash(child, node)
        if child.tail is not None:
            content += child.tail
            has_text = True
    if has_text:
        node["__content__"] = content
    if len(node) > 1 and blank(node.get("__content__")):
        node.pop("__content__", None)
    for k, v in elem.attrib.items():
        node[k.replace("-", "_")] = v
    return parent


def typecast(value):
    """ActiveSupport XMLConverter#deep_to_h."""
    if isinstance(value, list):
        out = [typecast(v) for v in value]
        return out if len(out) > 1 else out[0]
    if isinstance(value, str):
        return value
    t = value.get("type")
    if isinstance(t, str) and t in DISALLOWED:
        raise GitLabRejects(f"type attribute '{t}' is disallowed: the whole report fails")
    if t == "array":
        raise GitLabRejects("type='array' reshapes the element")
    content = value.get("__content__")
    if t == "file" or (content is not None and (len(value) == 1 or not blank(content))):
        if isinstance(t, str) and t in TYPED:
            raise GitLabRejects(f"type attribute '{t}' makes GitLab convert the text")
        return content
    if t == "string" and value.get("nil") != "true":
        return ""
    if not value or value.get("nil") == "true":
        return None
    if isinstance(t, str) and len(value) == 1:
        return None
    return {k: typecast(v) for k, v in value.items()}


def shown(v):
    return v if isinstance(v, str) else Unshown(v)


def cases(path):
    """The test cases as GitLab records them: dicts with suite_name,
    classname, name, time, status, system_output and attachment."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) > 30 * 1024 * 1024:
        raise GitLabRejects("over GitLab's 30 MB XML limit")
    try:
        root_elem = ET.fromstring(data)
    except ET.ParseError as e:
        raise GitLabRejects(f"XML parsing failed: {e}")
    root = typecast(node_to_hash(root_elem, {}))
    found = []

    def all_cases(node, parent):
        if not node:
            return
        for n in (node if isinstance(node, list) else [node]):
            if not isinstance(n, dict):
                continue
            if parent is None:
                all_cases(n.get("testsuites"), n)
            if parent is not None:
                tcs = n.get("testcase")
                for tc in (tcs if isinstance(tcs, list) else [tcs] if tcs else []):
                    if isinstance(tc, dict):
                        found.append(create(tc, n.get("name")))
                    else:
                        found.append({"broken": tc})
            all_cases(n.get("testsuite"), n)

    def create(tc, suite):
        so = tc.get("system_out")
        se = tc.get("system_err")
        system_out = f"System Out:\n\n{so}" if "system_out" in tc else None
        system_err = f"System Err:\n\n{se}" if "system_err" in tc else None
        attachment = None
        if "failure" in tc or "error" in tc:
            key = "failure" if "failure" in tc else "error"
            status = "failed" if key == "failure" else "error"
            text = tc[key]
            parts = [shown(text) if text is not None else None, system_out, system_err]
            output = [p for p in parts if p is not None]
            if so is not None:
                if not isinstance(so, str):
                    raise GitLabRejects("system-out is not text: attachment matching fails")
                m = ATTACHMENT.search(so) or ATTACHMENT_OLD.search(so)
                attachment = m.group("path") if m else None
        elif "skipped" in tc:
            status, output = "skipped", [shown(tc["skipped"])]
        else:
            status, output = "success", None
        return {"suite_name": suite, "classname": tc.get("classname"), "name": tc.get("name"),
                "time": tc.get("time"), "status": status, "reason": output[0] if output else None,
                "system_output": output, "attachment": attachment}

    all_cases(root, None)
    return found


def xml_clean(s):
    out = []
    for c in s:
        o = ord(c)
        ok = o in (9, 10, 13) or 0x20 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD or o >= 0x10000
        out.append(c if ok else "\ufffd")
    return re.sub(r"\[(?=\[attachment)", "[\u200b", "".join(out), flags=re.I)


ERROR_STATUSES = {"timeout", "memory", "output", "crash", "error"}


def check(path, report, problems):
    """Append to problems every way GitLab would show the report wrongly."""
    def expect(cond, what):
        if not cond:
            problems.append("gitlab: " + what)
        return cond

    try:
        got = cases(path)
    except GitLabRejects as e:
        expect(False, f"GitLab cannot read the report: {e}")
        return
    expect(all("broken" not in c for c in got), "a testcase GitLab cannot read")
    got = [c for c in got if "broken" not in c]
    keys = [(c["suite_name"], c["classname"], c["name"]) for c in got]
    expect(len(keys) == len(set(keys)), "duplicate test cases (GitLab shows them once)")
    by_key = {(c["suite_name"], c["name"]): c for c in got}
    pack = report["pack"]["id"]
    want_total = 0
    for c in got:
        expect(c["attachment"] is None, f"{c['name']}: an attachment link to {c['attachment']!r}")
        try:
            float(c["time"])
        except (TypeError, ValueError):
            expect(False, f"{c['name']}: time {c['time']!r} is not a number")
    for ex in report.get("exercises", []):
        for ch in ex.get("checks", []):
            want_total += 1
            where = f"{ex['id']}/{ch['id']}"
            c = by_key.get((ex["id"], ch["id"]))
            if not expect(c is not None, f"{where}: no test case"):
                continue
            expect(c["classname"] == f"{pack}.{ex['id']}", f"{where}: classname {c['classname']!r}")
            st = ch["status"]
            want = "success" if st == "pass" else "failed" if st == "fail" else "error"
            expect(c["status"] == want, f"{where}: status {c['status']} != {want}")
            if st == "pass":
                expect(c["system_output"] is None, f"{where}: a passed test shows {c['system_output']!r}")
                continue
            reason = c["reason"]
            if not expect(isinstance(reason, str) and reason.strip(),
                          f"{where}: the learner sees no reason, only {reason!r}"):
                continue
            expect(st in reason, f"{where}: reason {reason!r} does not name '{st}'")
            if ch.get("hidden"):
                expect("hidden" in reason and "failed" in reason,
                       f"{where}: a hidden check's reason {reason!r} must say it is hidden and failed")
                expect(len(c["system_output"]) == 1, f"{where}: a hidden check shows output")
                for secret in (ch.get("message"), ch.get("output")):
                    if secret:
                        expect(secret not in "".join(map(str, c["system_output"])),
                               f"{where}: hidden data shown")
                continue
            if ch.get("message"):
                expect(xml_clean(ch["message"]) in reason,
                       f"{where}: reason {reason!r} lacks the message")
            out = ch.get("output") or ""
            if out:
                expect(c["system_output"][-1] == "System Out:\n\n" + xml_clean(out),
                       f"{where}: output shown as {str(c['system_output'][-1])[:200]!r}")
            else:
                expect(len(c["system_output"]) == 1, f"{where}: output shown for a check without any")
    for q in report.get("quiz", {}).get("questions", []):
        want_total += 1
        where = f"quiz/{q['id']}"
        c = by_key.get(("quiz", q["id"]))
        if not expect(c is not None, f"{where}: no test case"):
            continue
        if q["status"] == "correct":
            expect(c["status"] == "success", f"{where}: status {c['status']}")
            continue
        expect(c["status"] == "failed", f"{where}: status {c['status']}")
        reason = c["reason"]
        points = f"{q['score']} of {q['max_score']} points"
        expect(isinstance(reason, str) and q["status"] in reason and points in reason,
               f"{where}: reason {reason!r} must name '{q['status']}' and '{points}'")
    if want_total == 0 and report.get("status") != "pass":
        c = by_key.get(("roadmap-run", "grading"))
        if expect(c is not None, "an ungraded report has no 'grading' case"):
            expect(c["status"] == "error", f"grading: status {c['status']}")
            msg = report.get("message") or "nothing could be graded"
            expect(isinstance(c["reason"], str) and xml_clean(msg) in c["reason"],
                   f"grading: reason {c['reason']!r} lacks the message")
        want_total = 1
    expect(len(got) == want_total, f"{len(got)} test cases, want {want_total}")


def main(argv):
    with open(argv[2], "rb") as f:
        report = json.loads(f.read().decode("utf-8", "replace"))
    problems = []
    check(argv[1], report, problems)
    for p in problems:
        print("mismatch:", p[:400], file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
