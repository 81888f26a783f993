"""Rubric checks for BUG_REPORT.md. python3 tests/check_bug_report.py GROUP"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mdlib import PLACEHOLDER, Doc, bullet_items, ordered_items, prose_problem, read, sentences  # noqa: E402
from urllib.parse import parse_qs, urlsplit  # noqa: E402
from taplib import Fail, Tap, missing  # noqa: E402

REQUIRED = ["Summary", "Steps to reproduce", "Expected result", "Actual result", "Environment"]
HARSH = ["asap", "obviously", "stupid", "idiot", "useless", "terrible", "lazy", "whoever", "your fault",
         "broken again", "angry", "ridiculous", "unacceptable", "wtf"]
ACRONYMS = {"HTTP", "HTTPS", "JSON", "YAML", "UUID", "REST", "CORS", "HTML", "UTC", "ASCII", "UTF"}


def doc():
    text = read("BUG_REPORT.md")
    if text is None:
        raise Fail(missing("BUG_REPORT.md"))
    if not text.strip():
        raise Fail("BUG_REPORT.md is empty")
    return Doc(text)


def need(d, name):
    body = d.section(name)
    if body is None:
        raise Fail(f'there is no "## {name}" section; sections found: {d.names()}')
    return body


def title(d):
    t = d.title
    if not t:
        raise Fail('the report must start with a level-1 title line, e.g. "# Invoices API: ... "')
    if not 15 <= len(t) <= 100:
        raise Fail(f"the title must be 15 to 100 characters long, it is {len(t)}: {t!r}")
    if "invoice" not in t.lower() or not re.search(r"duplicat|twice|repeat|skip|missing|same invoice", t, re.I):
        raise Fail(f"the title must say what is affected (invoices) and what goes wrong (duplicated/repeated/"
                   f"twice/missing/skipped); got {t!r}")


def sections_in_order(d):
    names = [n.lower() for n in d.names()]
    positions = []
    for r in REQUIRED:
        if r.lower() not in names:
            raise Fail(f'missing section "## {r}"; sections found: {d.names()}')
        positions.append(names.index(r.lower()))
    if positions != sorted(positions):
        raise Fail(f"the required sections must come in the order {REQUIRED}; found {d.names()}")


def filled_in(d):
    for r in REQUIRED:
        body = need(d, r)
        if not body.strip():
            raise Fail(f'section "## {r}" is empty')
        m = PLACEHOLDER.search(body)
        if m:
            raise Fail(f'section "## {r}" still contains the placeholder {m.group(0).strip()!r}')
    m = PLACEHOLDER.search(d.title or "")
    if m:
        raise Fail(f"the title still contains the placeholder {m.group(0).strip()!r}")


def numbered(d):
    items = ordered_items(need(d, "Steps to reproduce"))
    if len(items) < 3:
        raise Fail(f'"Steps to reproduce" needs a numbered list (1. 2. 3.) of at least 3 steps; found {len(items)} numbered items')
    nums = [n for n, _ in items]
    if nums != list(range(1, len(nums) + 1)):
        raise Fail(f"the steps must be numbered 1, 2, 3, ... in order; found {nums}")


def steps_facts(d):
    body = need(d, "Steps to reproduce")
    items = [text for _, text in ordered_items(body)]
    short = [t for t in items if len(t.split()) < 3 and "/api/" not in t]
    if short:
        raise Fail(f"every step is an instruction of at least 3 words; too short: {short}")
    if "acme-staging" not in body:
        raise Fail("someone else must be able to repeat the steps exactly: name the tenant (acme-staging)")
    pages = set()
    for m in re.finditer(r"/api/v2/invoices\?([^\s`\"'<>)]+)", body):
        q = parse_qs(urlsplit("http://x/?" + m.group(1)).query)
        if q.get("sort") == ["created_at"] and q.get("per_page") == ["50"]:
            pages.update(q.get("page", []))
    if "1" not in pages:
        raise Fail("the steps must give the exact first request, the path with all its parameters, as in "
                   "GET /api/v2/invoices?page=1&per_page=50&sort=created_at; found requests for pages "
                   f"{sorted(pages) or 'none'} with per_page=50 and sort=created_at")
    if "2" not in pages and not re.search(r"\bpage=2\b", body):
        raise Fail("the steps must also request the next page (page=2) with the same parameters")
    if not re.search(r"\b(compare|collect|count|distinct|list)", body, re.I):
        raise Fail("the last steps must say what to compare: collect the invoice ids of the pages and count "
                   "the distinct ones (or compare page 1 with page 2)")


def expected_vs_actual(d):
    exp, act = need(d, "Expected result"), need(d, "Actual result")
    if " ".join(exp.split()).lower() == " ".join(act.split()).lower():
        raise Fail('"Expected result" and "Actual result" say the same thing')
    if len(exp.split()) < 5:
        raise Fail(f'"Expected result" is too short to be checkable ({len(exp.split())} words): {exp!r}')
    problem = prose_problem(exp, 8, '"Expected result"')
    if problem:
        raise Fail(problem)
    if "117" not in exp and not re.search(r"\bonce\b", exp, re.I):
        raise Fail('"Expected result" must say what should happen, checkably: every invoice exactly once '
                   "(117 distinct ids)")


def actual_facts(d):
    act = need(d, "Actual result")
    missing = [f for f in ("INV-1042", "116") if f not in act]
    if missing:
        raise Fail(f'"Actual result" must state what was observed precisely; it does not mention {missing} '
                   "(the duplicated invoice id and the number of distinct invoices returned)")
    if not re.search(r"\bpages?\W{0,3}1\b", act, re.I) or not re.search(r"\b(pages?\W{0,3}|1\W+and\W+)2\b", act, re.I):
        raise Fail('"Actual result" must say where the duplicate is: on page 1 and on page 2')
    problem = prose_problem(act, 12, '"Actual result"')
    if problem:
        raise Fail(problem)


def environment(d):
    env = need(d, "Environment")
    items = bullet_items(env)
    if len(items) < 2:
        raise Fail('"Environment" must be a bullet list ("- ...") with at least 2 items')
    missing = [f for f in ("2.14.1", "staging", "curl 8.4.0") if not any(f in i for i in items)]
    if missing:
        raise Fail(f'"Environment" does not mention {missing} (API version, environment, client and its version)')


def short_summary(d):
    s = need(d, "Summary")
    n = sentences(s)
    if len(n) > 3 or len(s) > 400:
        raise Fail(f"the Summary must be at most 3 sentences and 400 characters; it has {len(n)} sentences and "
                   f"{len(s)} characters. Put the details in the other sections.")
    if "created_at" not in s or not re.search(r"duplicat|twice|repeat|skip|missing|same invoice|two pages", s, re.I):
        raise Fail("the Summary must say what goes wrong (invoices repeated or missing) and when (sorted by "
                   "created_at)")
    problem = prose_problem(s, 12, "the Summary")
    if problem:
        raise Fail(problem)


def neutral(d):
    text = d.text
    low = text.lower()
    found = [w for w in HARSH if re.search(r"\b" + re.escape(w) + r"\b", low)]
    if "!!" in text:
        found.append("!!")
    prose = re.sub(r"```.*?```|~~~.*?~~~", " ", text, flags=re.DOTALL)
    prose = re.sub(r"`[^`\n]*`", " ", prose)  # code may use capitals: ORDER BY, $TOKEN
    shouting = [w for w in re.findall(r"\b[A-Z]{4,}\b", prose) if w not in ACRONYMS]
    if found or shouting:
        raise Fail("a bug report states facts without pressure or blame; remove "
                   + ", ".join(repr(x) for x in found + shouting))


GROUPS = {
    "structure": [("has a specific title", title),
                  ("has the five sections in order", sections_in_order),
                  ("every section is filled in", filled_in)],
    "steps": [("steps are a numbered list of at least 3", numbered),
              ("steps give the exact requests, the tenant and what to compare", steps_facts)],
    "facts": [("expected and actual results differ and are precise", expected_vs_actual),
              ("the actual result names the invoice and the count", actual_facts),
              ("the environment lists version, environment and client", environment)],
    "concise-neutral": [("the summary is short", short_summary),
                        ("neutral tone: no blame, no shouting", neutral)],
}


def main():
    group = GROUPS[sys.argv[1]]
    t = Tap([d for d, _ in group])
    try:
        d = doc()
    except Fail as e:
        t.fail_rest(str(e))
        t.finish()
    for _, fn in group:
        t.case(lambda fn=fn: fn(d))
    t.finish()


main()
