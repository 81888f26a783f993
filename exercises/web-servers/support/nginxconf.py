"""A small parser for nginx configuration files.

tokenise() splits the text like nginx does (words, "quoted" and 'quoted'
strings with backslash escapes, # comments, { } ;). parse() builds a tree of
Directive objects. Helpers answer the questions the checks ask, following
nginx's inheritance rules (array directives such as proxy_set_header and
add_header are inherited from the enclosing level only when the inner level
defines none of its own).

The real nginx reads and runs every configuration first (nginxrun.py:
`nginx -t`, then behaviour on the wire). This parser is kept only for the
questions a check cannot ask nginx, each named in its exercise's prompt:
- reverse-proxy: which block holds what (the server for shop.example.com,
  upstream app's members, location / and /static/, proxy_connect_timeout,
  keepalive), with messages that name the learner's lines, and the note on
  proxy_set_header inheritance when forwarded headers go missing;
- tls: ssl_protocols (this machine's OpenSSL refuses TLSv1/1.1 whatever
  nginx allows, so no handshake shows what the file permits);
- performance: the login zone's key and rate (a few requests a minute,
  longer than a check) and the worker tuning (worker_processes,
  worker_connections, keepalive_timeout, sendfile).
"""


class ConfigError(Exception):
    pass


class Directive:
    def __init__(self, name, args, line, block=None, parent=None):
        self.name, self.args, self.line, self.block, self.parent = name, args, line, block, parent

    def __repr__(self):
        text = " ".join([self.name] + [a if a and " " not in a else repr(a) for a in self.args])
        return f"line {self.line}: {text}" + (" {...}" if self.block is not None else ";")

    def children(self, name=None):
        return [d for d in (self.block or []) if name is None or d.name == name]

    def first(self, name):
        found = self.children(name)
        return found[0] if found else None


def tokenise(text):
    tokens, i, line, n = [], 0, 1, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif c.isspace():
            i += 1
        elif c == "#":
            while i < n and text[i] != "\n":
                i += 1
        elif c in "{};":
            tokens.append((c, line, False))
            i += 1
        elif c in "\"'":
            quote, start_line, buf = c, line, []
            i += 1
            while i < n and text[i] != quote:
                if text[i] == "\\" and i + 1 < n:
                    buf.append(text[i + 1] if text[i + 1] in "\"'\\" else text[i:i + 2])
                    i += 2
                    continue
                if text[i] == "\n":
                    line += 1
                buf.append(text[i])
                i += 1
            if i >= n:
                raise ConfigError(f"line {start_line}: unterminated string")
            i += 1
            tokens.append(("".join(buf), start_line, True))
        else:
            buf = []
            while i < n and not text[i].isspace() and text[i] not in ";{}":
                if text[i] == "$" and i + 1 < n and text[i + 1] == "{":  # ${var}
                    j = text.find("}", i)
                    if j < 0:
                        raise ConfigError(f"line {line}: unterminated ${{variable}}")
                    buf.append(text[i:j + 1])
                    i = j + 1
                    continue
                if text[i] == "\\" and i + 1 < n:
                    buf.append(text[i:i + 2])
                    i += 2
                    continue
                buf.append(text[i])
                i += 1
            tokens.append(("".join(buf), line, False))
    return tokens


def parse(text):
    tokens = tokenise(text)
    root = Directive("main", [], 0, block=[])
    stack, words = [root], []
    for value, line, quoted in tokens:
        if not quoted and value == ";":
            if not words:
                raise ConfigError(f"line {line}: unexpected ';'")
            d = Directive(words[0][0], [w for w, _ in words[1:]], words[0][1], parent=stack[-1])
            stack[-1].block.append(d)
            words = []
        elif not quoted and value == "{":
            if not words:
                raise ConfigError(f"line {line}: unexpected '{{'")
            d = Directive(words[0][0], [w for w, _ in words[1:]], words[0][1], block=[], parent=stack[-1])
            stack[-1].block.append(d)
            stack.append(d)
            words = []
        elif not quoted and value == "}":
            if words:
                raise ConfigError(f"line {words[0][1]}: directive '{words[0][0]}' is not terminated by ';'")
            if len(stack) == 1:
                raise ConfigError(f"line {line}: unexpected '}}'")
            stack.pop()
        else:
            words.append((value, line))
    if words:
        raise ConfigError(f"line {words[0][1]}: directive '{words[0][0]}' is not terminated by ';'")
    if len(stack) > 1:
        raise ConfigError(f"line {stack[-1].line}: block '{stack[-1].name}' is not closed by '}}'")
    return root


def load(path="nginx.conf"):
    with open(path, encoding="utf-8", errors="replace") as f:
        return parse(f.read())


def walk(node):
    for d in node.block or []:
        yield d
        if d.block is not None:
            yield from walk(d)


def find_all(node, name):
    return [d for d in walk(node) if d.name == name]


def http(root):
    return root.first("http")


def servers(root):
    h = http(root)
    return h.children("server") if h else []


def listens(server):
    return [d.args for d in server.children("listen")]


def listens_on(server, port, ssl=None):
    for args in listens(server):
        if not args:
            continue
        addr = args[0]
        p = addr.rsplit(":", 1)[-1] if ":" in addr else addr
        if addr.startswith("[") and "]:" not in addr:
            p = "80"
        if p == str(port):
            if ssl is None or ("ssl" in args[1:]) == ssl:
                return True
    return False


def server_names(server):
    return [a for d in server.children("server_name") for a in d.args]


def locations(node):
    """Every location block inside node (nested ones too)."""
    return [d for d in walk(node) if d.name == "location"]


def location(server, *args):
    """The server's own location whose arguments are exactly args, e.g. location(s, '/'),
    location(s, '=', '/login'). Only locations directly in the server count: one nested in
    another location (where nginx would refuse `location /`) is not the one that serves."""
    for d in server.children("location"):
        if d.args == list(args):
            return d
    return None


def chain(node):
    """node and its enclosing blocks, innermost first."""
    out = []
    while node is not None:
        out.append(node)
        node = node.parent
    return out


def effective(node, name):
    """The value of a single-valued directive as nginx resolves it: the innermost level that sets it."""
    for level in chain(node):
        found = [d for d in (level.block or []) if d.name == name]
        if found:
            return found[-1]
    return None


def effective_array(node, name):
    """Array directives (proxy_set_header, add_header): inherited only if a level defines none."""
    for level in chain(node):
        found = [d for d in (level.block or []) if d.name == name]
        if found:
            return found
    return []


def size_bytes(text):
    units = {"k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}
    t = text.lower()
    if t and t[-1] in units and t[:-1].isdigit():
        return int(t[:-1]) * units[t[-1]]
    return int(t) if t.isdigit() else None


def seconds(text):
    """nginx time: '30', '30s', '5m', '1h', '7d', '1y', '1h 30m', 'max' -> seconds (None if invalid)."""
    units = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, "M": 2592000, "y": 31536000}
    if text == "max":
        return float("inf")
    total, num, i = 0.0, "", 0
    t = text.replace(" ", "")
    if t.isdigit():
        return float(t)
    while i < len(t):
        if t[i].isdigit():
            num += t[i]
            i += 1
            continue
        unit = "ms" if t[i:i + 2] == "ms" else t[i]
        if unit not in units or not num:
            return None
        total += int(num) * units[unit]
        num = ""
        i += len(unit)
    if num:
        return None
    return total
