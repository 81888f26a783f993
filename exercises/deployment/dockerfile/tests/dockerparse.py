"""A small Dockerfile parser: enough for the rules of this exercise.

Handles parser directives (# escape=), comments, line continuations,
case-insensitive instructions, flags (--from=..., --platform=...) and the
JSON (exec) form.
"""
import json
import re


class Instruction:
    def __init__(self, cmd, args, line):
        self.cmd = cmd.upper()
        self.args = args.strip()
        self.line = line
        self.flags, self.rest = self._split_flags(self.args)

    @staticmethod
    def _split_flags(args):
        flags, words = {}, args.split()
        i = 0
        while i < len(words) and words[i].startswith("--"):
            key, _, value = words[i][2:].partition("=")
            flags[key.lower()] = value
            i += 1
        rest = args
        for w in words[:i]:
            rest = rest.split(w, 1)[1]
        return flags, rest.strip()

    def exec_form(self):
        """The JSON array of an exec-form instruction, or None."""
        text = self.rest
        if not text.startswith("["):
            return None
        try:
            value = json.loads(text)
        except ValueError:
            return None
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            return value
        return None

    def __repr__(self):
        return f"line {self.line}: {self.cmd} {self.args}"


def parse(text):
    lines = text.splitlines()
    escape = "\\"
    # parser directives: only at the very top, before any comment or instruction
    for raw in lines:
        m = re.match(r"^\s*#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$", raw)
        if not m:
            break
        if m.group(1).lower() == "escape":
            escape = m.group(2)
    out, buf, start = [], "", None
    for number, raw in enumerate(lines, 1):
        stripped = raw.strip()
        if stripped.startswith("#") or (not stripped and buf):
            continue  # comments and blank lines inside a continuation are dropped
        if not stripped:
            continue
        if start is None:
            start = number
        content = raw.rstrip()
        if content.endswith(escape):
            buf += content[:-len(escape)] + " "
            continue
        buf += content
        cmd, _, args = buf.strip().partition(" ")
        out.append(Instruction(cmd, args, start))
        buf, start = "", None
    if buf.strip():
        cmd, _, args = buf.strip().partition(" ")
        out.append(Instruction(cmd, args, start))
    return out


class Stage:
    def __init__(self, index, from_instr):
        self.index = index
        self.from_ = from_instr
        words = from_instr.rest.split()
        self.image = words[0] if words else ""
        self.name = words[2].lower() if len(words) >= 3 and words[1].upper() == "AS" else None
        self.instructions = []


def stages(instructions):
    result = []
    for ins in instructions:
        if ins.cmd == "FROM":
            result.append(Stage(len(result), ins))
        elif result:
            result[-1].instructions.append(ins)
    return result


def split_image(image):
    """'repo/name:tag@sha256:..' -> (name, tag or None, digest or None)."""
    digest = None
    if "@" in image:
        image, digest = image.split("@", 1)
    name, tag = image, None
    last = image.rsplit("/", 1)[-1]
    if ":" in last:
        name, tag = image.rsplit(":", 1)
    return name, tag, digest
