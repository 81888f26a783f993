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
