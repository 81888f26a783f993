"""A small parser for systemd unit files (systemd.syntax(7))."""
import re


def parse(text):
    """Return {section: [(key, value, line), ...]} in file order."""
    sections, current = {}, None
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        number, raw = i + 1, lines[i]
        i += 1
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        while line.endswith("\\") and i < len(lines):
            nxt = lines[i].strip()
            i += 1
            if nxt.startswith(("#", ";")):
                continue
            line = line[:-1] + " " + nxt
        m = re.fullmatch(r"\[([^\]]+)\]", line)
        if m:
            current = m.group(1)
            sections.setdefault(current, [])
            continue
        if "=" not in line or current is None:
            sections.setdefault("__invalid__", []).append((line, "", number))
            continue
        key, value = line.split("=", 1)
        sections[current].append((key.strip(), value.strip(), number))
    return sections


def values(sections, section, key):
    """Every value assigned to key (an empty assignment resets the list)."""
    out = []
    for k, v, _ in sections.get(section, []):
        if k == key:
            if v == "":
                out = []
            else:
                out.append(v)
    return out


def last(sections, section, key):
    vs = values(sections, section, key)
    return vs[-1] if vs else None


def truthy(value):
    return value is not None and value.lower() in ("1", "yes", "true", "on")


def timespan_seconds(value):
    """'5', '5s', '1min 30s', '500ms' -> seconds, or None if not a time span."""
    units = {"us": 1e-6, "usec": 1e-6, "ms": 1e-3, "msec": 1e-3, "s": 1, "sec": 1, "second": 1, "seconds": 1,
             "m": 60, "min": 60, "minute": 60, "minutes": 60, "h": 3600, "hr": 3600, "hour": 3600, "hours": 3600}
    total, text = 0.0, value.replace(" ", "")
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(text)
    parts = re.findall(r"(\d+(?:\.\d+)?)([a-z]+)", text)
    if not parts or "".join(n + u for n, u in parts) != text:
        return None
    for n, u in parts:
        if u not in units:
            return None
        total += float(n) * units[u]
    return total
