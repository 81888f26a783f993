"""A small Markdown reader for the rubric checks: title, sections, lists."""
import os
import re

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
ORDERED = re.compile(r"^ {0,3}(\d+)[.)]\s+(\S.*)$")
BULLET = re.compile(r"^ {0,3}[-*+]\s+(\S.*)$")
PLACEHOLDER = re.compile(r"\bTODO\b|\bTBD\b|\bFIXME\b|<[^>\n]*here[^>\n]*>", re.IGNORECASE | re.MULTILINE)


class Doc:
    def __init__(self, text):
        self.text = text.replace("\r\n", "\n")
        self.title = None
        self.sections = []          # [(name, body text)] for level-2 headings, in order
        self.preamble = ""
        in_fence = False
        current = None
        lines_before = []
        for line in self.text.split("\n"):
            if re.match(r"^ {0,3}(```|~~~)", line):
                in_fence = not in_fence
            m = None if in_fence else HEADING.match(line)
            if m and len(m.group(1)) == 1 and self.title is None and current is None:
                self.title = m.group(2).strip()
                continue
            if m and len(m.group(1)) == 2:
                current = [m.group(2).strip(), []]
                self.sections.append(current)
                continue
            (current[1] if current else lines_before).append(line)
        self.preamble = "\n".join(lines_before).strip()
        self.sections = [(name, "\n".join(body).strip()) for name, body in self.sections]

    def names(self):
        return [n for n, _ in self.sections]

    def section(self, name):
        for n, body in self.sections:
            if n.lower() == name.lower():
                return body
        return None


def ordered_items(body):
    """Top-level ordered list items: [(number, first line text)]."""
    items = []
    in_fence = False
    for line in body.split("\n"):
        if re.match(r"^\s*(```|~~~)", line):
            in_fence = not in_fence
            continue
        m = None if in_fence else ORDERED.match(line)
        if m:
            items.append((int(m.group(1)), m.group(2)))
    return items


def bullet_items(body):
    return [m.group(1) for m in (BULLET.match(l) for l in body.split("\n")) if m]


def sentences(text):
    flat = re.sub(r"`[^`]*`", "CODE", " ".join(text.split()))
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9`\"'(])", flat)
    return [p for p in parts if p.strip()]


def read(filename):
    if not os.path.isfile(filename):
        return None
    with open(filename, encoding="utf-8", errors="replace") as f:
        return f.read()


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
