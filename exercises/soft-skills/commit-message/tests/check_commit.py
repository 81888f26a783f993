"""Rubric checks for COMMIT_MSG. python3 tests/check_commit.py GROUP"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, missing  # noqa: E402

TYPES = ("feat", "fix", "perf", "refactor", "docs", "test", "build", "ci", "chore", "style", "revert")
SUBJECT = re.compile(r"^(?P<type>[a-z]+)(?:\((?P<scope>[a-z0-9-]+)\))?(?P<bang>!)?: (?P<desc>\S.*)$")
NOT_IMPERATIVE_OK = {"embed", "feed", "need", "seed", "shed", "speed", "shred", "proceed", "exceed", "succeed",
                     "bring", "string", "ping", "ring", "sing"}
THIRD_PERSON = {"adds", "fixes", "removes", "updates", "changes", "makes", "streams", "uses", "moves", "improves",
                "drops", "replaces", "handles", "allows", "prevents", "stops", "avoids", "sends", "returns"}
VAGUE = {"fix bug", "fix bugs", "update code", "changes", "misc", "misc fixes", "wip", "stuff", "fix stuff",
         "fix export", "update", "minor fixes", "improvements"}
# Words that every English sentence is full of and a list of keywords lacks.
FUNCTION_WORDS = frozenset("""
a an the and or but nor so of to in on at by for from with into onto over under after before than then
is are was were be been being am it its it's this that these those there here which who whom whose what
when where while if as not no only also each every all any both one same other another has have had do
does did can could should would must may might will shall we you he she they i our your their his her
them us me my again once just very more most less such too instead because since until although though
""".split())
_CODE = re.compile(r"```.*?```|~~~.*?~~~|`[^`\n]*`", re.DOTALL)


def prose_problem(text, min_words, what):
    """None if text reads like sentences of at least min_words words, else what is wrong with it.

    A heuristic, not a judge of quality: it catches a list of keywords, filler
    words and repetition, not a well-written wrong statement."""
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", _CODE.sub(" ", text))
    if len(words) < min_words:
        return f"{what} needs at least {min_words} words of plain prose (code spans not counted); it has {len(words)}"
    small = sum(1 for w in words if w.lower() in FUNCTION_WORDS)
    if small < max(2, 0.12 * len(words)):
        return (f"{what} reads like a list of keywords, not sentences: write what happened in full sentences "
                f"({small} of its {len(words)} words are words like 'the', 'is', 'and', 'of')")
    counts = {}
    for w in words:
        if w.lower() not in FUNCTION_WORDS:
            counts[w.lower()] = counts.get(w.lower(), 0) + 1
    top = max(counts.items(), key=lambda kv: kv[1], default=("", 0))
    if top[1] > max(3, 0.2 * len(words)):
        return f"{what} repeats {top[0]!r} {top[1]} times: say each thing once"
    return None


TRAILER = re.compile(r"^(?P<key>BREAKING CHANGE|BREAKING-CHANGE|[A-Za-z][A-Za-z-]*)(?::\s| #)(?P<value>.*)$")


def lines():
    if not os.path.isfile("COMMIT_MSG"):
        raise Fail(missing("COMMIT_MSG"))
    with open("COMMIT_MSG", encoding="utf-8", errors="replace") as f:
        text = f.read()
    if not text.strip():
        raise Fail("COMMIT_MSG is empty")
    return text.rstrip("\n").split("\n")


def subject_match(ls):
    m = SUBJECT.match(ls[0])
    if not m:
        raise Fail(f"the subject must look like 'type(scope)!: description' (Conventional Commits); got {ls[0]!r}")
    return m


def check_format(ls):
    m = subject_match(ls)
    if m["type"] not in TYPES:
        raise Fail(f"unknown type {m['type']!r}; use one of {', '.join(TYPES)}")


def check_type(ls):
    m = subject_match(ls)
    if m["type"] not in ("fix", "perf"):
        raise Fail(f"this change repairs a crash (issue #482) by using less memory: the type is fix (or perf), not {m['type']!r}")
    if m["scope"] not in (None, "export"):
        raise Fail(f"the scope, if any, names the part of the code base: export, not {m['scope']!r}")


def check_length(ls):
    if len(ls[0]) > 72:
        raise Fail(f"the subject line must be at most 72 characters (50 is ideal); it is {len(ls[0])}: {ls[0]!r}")


def check_style(ls):
    desc = subject_match(ls)["desc"]
    first = re.sub(r"[^a-z]", "", desc.split()[0].lower())
    if (first.endswith("ed") or first.endswith("ing")) and first not in NOT_IMPERATIVE_OK or first in THIRD_PERSON:
        raise Fail(f"write the description in the imperative mood, as in 'stream rows', not {desc.split()[0]!r} "
                   "(it completes the sentence 'If applied, this commit will ...')")
    if desc.endswith("."):
        raise Fail(f"no full stop at the end of the subject: {ls[0]!r}")
    if desc.lower() in VAGUE or len(desc.split()) < 3:
        raise Fail(f"the description must say what changed, in at least 3 words; {desc!r} is too vague")
    if not re.search(r"stream|chunk|cursor|memory", desc, re.I):
        raise Fail(f"the description must name this change: the rows are streamed (in chunks, from a cursor) "
                   f"instead of building the file in memory; {desc!r} does not say so")


def body_lines(ls):
    if len(ls) < 3:
        raise Fail("after the subject, leave one blank line and write a body that explains the change")
    if ls[1].strip():
        raise Fail(f"the second line must be blank, to separate the subject from the body; got {ls[1]!r}")
    return ls[2:]


def body_only(ls):
    """The body's lines without the footer paragraph (the last one, when every line of it is a footer)."""
    body = body_lines(ls)
    if footers(ls):
        body = body[:len(body) - len("\n".join(ls).split("\n\n")[-1].split("\n"))]
    return body


def check_body_wrapped(ls):
    long_lines = [(i + 3, len(x)) for i, x in enumerate(body_only(ls)) if len(x) > 72 and not re.search(r"https?://", x)]
    if long_lines:
        raise Fail("wrap the body at 72 characters (git log and many tools do not wrap); too long: "
                   + ", ".join(f"line {n} ({k} chars)" for n, k in long_lines))


def check_body_why(ls):
    body = " ".join(body_only(ls)).lower()
    paragraphs = [p for p in "\n".join(body_only(ls)).split("\n\n") if p.strip()]
    words = sum(len(p.split()) for p in paragraphs)
    if words < 25:
        raise Fail(f"the body should explain the problem and the solution in at least 25 words (not counting footers); it has {words}")
    if not re.search(r"memory|memoryerror|oom", body):
        raise Fail("the body should say why the change was needed: exports ran out of memory (mention memory)")
    if "stream" not in body:
        raise Fail("the body should say what the change does: it streams the rows (mention streaming)")
    if not re.search(r"crash|memoryerror|ran out|run out|out of memory|oom", body):
        raise Fail("the body should say what went wrong before: the worker crashed (MemoryError, ran out of memory)")
    problem = prose_problem("\n\n".join(paragraphs), 25, "the body")
    if problem:
        raise Fail(problem)


def footers(ls):
    paras = "\n".join(ls).split("\n\n")
    last = paras[-1].split("\n") if len(paras) > 1 else []
    found = {}
    key = None
    for line in last:
        m = TRAILER.match(line)
        if m:
            key = m["key"]
            found[key] = m["value"]
        elif key and line.strip():
            found[key] += " " + line.strip()  # a footer's value may continue on the next lines
        else:
            return {}
    return found


def check_issue(ls):
    f = footers(ls)
    refs = {k: v for k, v in f.items() if k.lower() in ("fixes", "closes", "resolves")}
    if not any(v.strip() in ("482", "#482") for v in refs.values()):
        raise Fail("the last paragraph (the footers) must reference the issue with 'Fixes #482' (or Closes/Resolves); "
                   f"footers found: {f or 'none'}")


def check_breaking(ls):
    f = footers(ls)
    v = f.get("BREAKING CHANGE", f.get("BREAKING-CHANGE"))
    if v is None:
        raise Fail("removing format=xlsx breaks clients that use it: add a 'BREAKING CHANGE: ...' footer "
                   f"in the last paragraph; footers found: {f or 'none'}")
    if "xlsx" not in v.lower() or len(v.split()) < 5 or "csv" not in v.lower():
        raise Fail(f"the BREAKING CHANGE footer must say what breaks (format=xlsx) and what to do instead (ask for CSV); "
                   f"got {v!r}")
    problem = prose_problem(v, 5, "the BREAKING CHANGE footer")
    if problem:
        raise Fail(problem)
    if not subject_match(ls)["bang"]:
        raise Fail("mark a breaking change in the subject too, with '!' before the colon: 'fix(export)!: ...'")


GROUPS = {
    "subject": [("subject follows Conventional Commits", check_format),
                ("type and scope fit the change", check_type),
                ("subject is at most 72 characters", check_length),
                ("imperative, specific, no full stop", check_style)],
    "body": [("blank line, then a body wrapped at 72 columns", check_body_wrapped),
             ("the body explains why and what", check_body_why)],
    "footers": [("references issue #482", check_issue),
                ("declares the breaking change", check_breaking)],
}


def main():
    group = GROUPS[sys.argv[1]]
    t = Tap([d for d, _ in group])
    try:
        ls = lines()
    except Fail as e:
        t.fail_rest(str(e))
        t.finish()
    for _, fn in group:
        t.case(lambda fn=fn: fn(ls))
    t.finish()


main()
