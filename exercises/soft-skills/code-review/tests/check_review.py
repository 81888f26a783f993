"""Rubric checks for REVIEW.md. python3 tests/check_review.py GROUP"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from mdlib import PLACEHOLDER, Doc, prose_problem, read  # noqa: E402
from taplib import Fail, Tap, missing  # noqa: E402

LABELS = ("blocking", "suggestion", "question", "nit", "praise")
COMMENT = re.compile(r"^[-*]\s+`?app/users\.py:(\d+)(?:-(\d+))?`?\s+\[(\w+)\]\s*(.*)$")
VERDICT = re.compile(r"^\s*\**verdict\**\s*:\s*\**\s*(.+?)\s*\**\s*$", re.IGNORECASE | re.MULTILINE)
HARSH = ["stupid", "terrible", "awful", "idiot", "lazy", "sloppy", "obviously", "why would you", "wtf",
         "what were you thinking", "garbage", "horrible", "dumb", "ridiculous", "amateur", "basic stuff",
         "everyone knows", "nobody tested", "clearly you", "!!"]
ACTION_WORDS = ["instead", "use ", "consider", "suggest", "could", "replace", "prefer", "let's", "how about",
                "we can", "you can", "should", "please"]

MAX_SPAN = 4  # a comment points at the exact lines: at most this many

# the issues planted in change.diff, by new-file line
SQL_LINES = {20, 21}
LOG_LINES = {25}
EXCEPT_LINES = {32, 33, 34}


def diff_new_lines(path):
    """Line numbers of the new file shown in the diff: (all shown, added)."""
    shown, added = set(), set()
    new = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", line)
            if m:
                new = int(m.group(1))
                continue
            if new is None or line.startswith(("+++", "---")):
                continue
            if line.startswith("+"):
                shown.add(new)
                added.add(new)
                new += 1
            elif line.startswith(" ") or line == "\n":
                shown.add(new)
                new += 1
    return shown, added


SHOWN, ADDED = diff_new_lines(os.path.join(HERE, "change.diff"))


class Comment:
    def __init__(self, first, last, label, text):
        self.first, self.last, self.label, self.text = first, last, label, text

    @property
    def lines(self):
        return set(range(self.first, self.last + 1))

    def ref(self):
        return f"app/users.py:{self.first}" + (f"-{self.last}" if self.last != self.first else "")


def load():
    text = read("REVIEW.md")
    if text is None:
        raise Fail(missing("REVIEW.md"))
    d = Doc(text)
    summary = d.section("Summary")
    if summary is None:
        raise Fail(f'there is no "## Summary" section; sections found: {d.names()}')
    body = d.section("Comments")
    if body is None:
        raise Fail(f'there is no "## Comments" section; sections found: {d.names()}')
    comments, bad = [], []
    current = None
    for line in body.split("\n"):
        if re.match(r"^[-*]\s", line):
            m = COMMENT.match(line)
            if not m:
                bad.append(line)
                current = None
                continue
            first = int(m.group(1))
            last = int(m.group(2) or first)
            current = Comment(first, last, m.group(3).lower(), m.group(4))
            comments.append(current)
        elif line.strip() and current is not None and line.startswith((" ", "\t")):
            current.text += " " + line.strip()
        elif line.strip():
            current = None
    return d, summary, comments, bad


def verdict_of(summary):
    m = VERDICT.search(summary)
    return m.group(1).strip().rstrip(".").strip("*").strip() if m else None


def check_summary(d, summary, comments, bad):
    v = verdict_of(summary)
    if v is None or v.lower() not in ("approve", "request changes", "comment"):
        raise Fail(f'the Summary needs a line "Verdict: Approve", "Verdict: Request changes" or "Verdict: Comment"; got {v!r}')
    rest = VERDICT.sub("", summary)
    if len(rest.split()) < 15 or PLACEHOLDER.search(rest):
        raise Fail(f"the Summary must give your overall impression in at least 15 words (no TODO); it has {len(rest.split())} words")
    problem = prose_problem(rest, 15, "the Summary")
    if problem:
        raise Fail(problem)


def check_comment_format(d, summary, comments, bad):
    if bad:
        raise Fail("these list items in ## Comments do not follow the format "
                   "'- app/users.py:LINE [label] text' (label: " + ", ".join(LABELS) + "):\n"
                   + "\n".join("  " + b for b in bad))
    if len(comments) < 3:
        raise Fail(f"expected at least 3 comments in ## Comments, found {len(comments)}")
    wrong = [c for c in comments if c.label not in LABELS]
    if wrong:
        raise Fail(f"unknown labels {[c.label for c in wrong]}; use one of {list(LABELS)}")
    for c in comments:
        if PLACEHOLDER.search(c.text):
            raise Fail(f"comment {c.ref()} still contains a placeholder: {c.text!r}")


def check_line_refs(d, summary, comments, bad):
    lo, hi = min(SHOWN), max(SHOWN)
    wide = [c.ref() for c in comments if c.last - c.first + 1 > MAX_SPAN]
    if wide:
        raise Fail(f"a comment points at the exact lines it is about, at most {MAX_SPAN} lines; these cover more: {wide}. "
                   "Write one comment per problem.")
    out = [c.ref() for c in comments if c.first > c.last or not c.lines <= SHOWN]
    if out:
        raise Fail(f"these comments refer to lines that the diff does not show: {out}. Use line numbers of the "
                   f"new file (the + side of the hunk header), which run from {lo} to {hi} here")
    no_change = [c.ref() for c in comments if c.label != "praise" and not (c.lines & ADDED)]
    if no_change:
        raise Fail(f"these comments only cover unchanged context lines; comment on the lines this change adds: {no_change}")


def finder(lines, words, labels, what, fixes=None):
    """A comment on LINES (at most MAX_SPAN lines), labelled one of LABELS, that explains the problem
    (one of WORDS) and, with FIXES, proposes a fix (one of FIXES)."""
    def check(d, summary, comments, bad):
        hits = [c for c in comments if c.lines & lines and c.last - c.first + 1 <= MAX_SPAN]
        if not hits:
            raise Fail(f"no comment covers app/users.py line(s) {sorted(lines)}, where {what}. "
                       "Are you counting lines of the new file (from the hunk header), not lines of the diff?")
        good = [c for c in hits if c.label in labels and any(w in c.text.lower() for w in words)]
        if not good:
            raise Fail(f"there is a comment on line(s) {sorted(lines)} ({', '.join(c.ref() + ' [' + c.label + ']' for c in hits)}), "
                       f"but it should be labelled {' or '.join(labels)} and explain the problem "
                       f"(mention one of: {', '.join(words)})")
        if fixes:
            fixed = [c for c in good if any(w in c.text.lower() for w in fixes)]
            if not fixed:
                raise Fail(f"the comment on line(s) {sorted(lines)} should also propose the concrete fix (mention one of: "
                           f"{', '.join(fixes)})")
            good = fixed
        problems = [prose_problem(c.text, 8, f"the comment {c.ref()}") for c in good]
        if all(problems):
            raise Fail(problems[0])
    return check


def check_verdict_consistent(d, summary, comments, bad):
    v = (verdict_of(summary) or "").lower()
    if any(c.label == "blocking" for c in comments) and v != "request changes":
        raise Fail(f'you have blocking comments, so the verdict must be "Request changes", not {v!r}')


def check_praise(d, summary, comments, bad):
    if not any(c.label == "praise" for c in comments):
        raise Fail("a constructive review also says what is good: add at least one [praise] comment")


def check_substance(d, summary, comments, bad):
    short = [c.ref() for c in comments if len(c.text.split()) < 8]
    if short:
        raise Fail(f"every comment needs at least 8 words explaining itself; too short: {short}")
    for c in comments:
        problem = prose_problem(c.text, 8, f"the comment {c.ref()}")
        if problem:
            raise Fail(problem)
    vague = [c.ref() for c in comments if c.label == "blocking" and not any(w in c.text.lower() for w in ACTION_WORDS)]
    if vague:
        raise Fail("each blocking comment must say what to do instead (use words like: " + ", ".join(w.strip() for w in ACTION_WORDS)
                   + f"); these do not: {vague}")


def check_tone(d, summary, comments, bad):
    low = d.text.lower()
    found = [w for w in HARSH if (w in low if not w[0].isalpha() else re.search(r"\b" + re.escape(w) + r"\b", low))]
    if found:
        raise Fail("criticise the code, not the author, and stay calm; remove: " + ", ".join(repr(w) for w in found))


GROUPS = {
    "format": [("Summary with an overall impression and a verdict", check_summary),
               ("comments follow '- app/users.py:LINE [label] text'", check_comment_format),
               ("line numbers point at lines of the change", check_line_refs)],
    "finds-injection": [("blocking comment on the SQL injection",
                         finder(SQL_LINES, ["inject"], ("blocking",),
                                "an f-string builds SQL from the email",
                                fixes=["placeholder", "parameter", "bind", "?"]))],
    "finds-password-log": [("blocking comment on the logged password",
                            finder(LOG_LINES, ["password"], ("blocking",),
                                   "the new password is logged", fixes=["log"]))],
    "finds-swallowed-error": [("comment on the swallowed exception",
                               finder(EXCEPT_LINES, ["except", "swallow", "error", "exception", "silent", "hide", "return true"],
                                      ("blocking", "suggestion", "question"),
                                      "a bare except hides every error and True is returned anyway"))],
    "constructive": [("the verdict matches the blocking comments", check_verdict_consistent),
                     ("at least one [praise] comment", check_praise),
                     ("comments explain and propose a fix", check_substance),
                     ("no harsh or personal wording", check_tone)],
}


def main():
    group = GROUPS[sys.argv[1]]
    t = Tap([d for d, _ in group])
    try:
        parsed = load()
    except Fail as e:
        t.fail_rest(str(e))
        t.finish()
    for _, fn in group:
        t.case(lambda fn=fn: fn(*parsed))
    t.finish()


main()
