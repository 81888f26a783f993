"""A minimal HTTP/1.1 request parser (alternative: small pure functions,
character-set checks with str methods and sets instead of regular
expressions, and a chunk decoder that works on offsets)."""
import string
import urllib.parse


class HTTPError(Exception):
    def __init__(self, status, reason=""):
        super().__init__(f"{status} {reason}")
        self.status = status


TCHAR = frozenset("!#$%&'*+-.^_`|~" + string.ascii_letters + string.digits)
HEXDIGITS = frozenset("0123456789abcdefABCDEF")
ASCII_DIGITS = frozenset("0123456789")


def is_token(text):
    return bool(text) and all(ch in TCHAR for ch in text)


def split_head(raw):
    head, sep, rest = raw.partition(b"\r\n\r\n")
    if not sep:
        raise HTTPError(400, "incomplete header section")
    return head.decode("latin-1").split("\r\n"), rest


def parse_request_line(line):
    parts = line.split(" ")
    if len(parts) != 3:
        raise HTTPError(400, "request line needs three parts")
    method, target, version = parts
    if not is_token(method) or not target:
        raise HTTPError(400, "bad method or target")
    if not (len(version) == 8 and version.startswith("HTTP/") and version[6] == "."
            and version[5] in ASCII_DIGITS and version[7] in ASCII_DIGITS):
        raise HTTPError(400, "bad version")
    if version not in ("HTTP/1.0", "HTTP/1.1"):
        raise HTTPError(505, "version not supported")
    return method, target, version


def parse_fields(lines):
    fields = []
    for line in lines:
        if line[:1] in (" ", "\t"):
            raise HTTPError(400, "obs-fold")
        name, colon, value = line.partition(":")
        if not colon or not is_token(name):
            raise HTTPError(400, "bad field line")
        value = value.strip(" \t")
        if "\r" in value or "\n" in value or "\0" in value:
            raise HTTPError(400, "bad field value")
        fields.append((name.lower(), value))
    headers = {}
    for name, value in fields:
        headers[name] = headers[name] + ", " + value if name in headers else value
    return headers, [name for name, _ in fields]


def decode_chunked(data):
    out, pos = bytearray(), 0
    while True:
        eol = data.find(b"\r\n", pos)
        if eol < 0:
            raise HTTPError(400, "incomplete chunk size line")
        size_text = data[pos:eol].split(b";", 1)[0].decode("latin-1")
        if ";" in data[pos:eol].decode("latin-1"):
            size_text = size_text.rstrip(" \t")
        if not size_text or any(ch not in HEXDIGITS for ch in size_text):
            raise HTTPError(400, "bad chunk size")
        size, pos = int(size_text, 16), eol + 2
        if size == 0:
            break
        if len(data) < pos + size + 2:
            raise HTTPError(400, "incomplete chunk")
        if data[pos + size:pos + size + 2] != b"\r\n":
            raise HTTPError(400, "chunk not followed by CRLF")
        out += data[pos:pos + size]
        pos += size + 2
    while True:  # trailer section, ends with an empty line
        eol = data.find(b"\r\n", pos)
        if eol < 0:
            raise HTTPError(400, "incomplete trailer section")
        if eol == pos:
            return bytes(out)
        pos = eol + 2


def read_body(headers, rest):
    te, cl = headers.get("transfer-encoding"), headers.get("content-length")
    if te is not None and cl is not None:
        raise HTTPError(400, "Transfer-Encoding with Content-Length")
    if te is not None:
        if te.lower() != "chunked":
            raise HTTPError(501, "transfer coding not implemented")
        return decode_chunked(rest)
    if cl is None:
        return b""
    values = [v.strip(" \t") for v in cl.split(",")]
    if any(not v or any(ch not in ASCII_DIGITS for ch in v) for v in values):
        raise HTTPError(400, "bad Content-Length")
    if len(set(values)) != 1 and len({int(v) for v in values}) != 1:
        raise HTTPError(400, "conflicting Content-Length")
    length = int(values[0])
    if len(rest) < length:
        raise HTTPError(400, "incomplete body")
    return rest[:length]


def parse_request(raw):
    if not isinstance(raw, (bytes, bytearray)):
        raise HTTPError(400, "not bytes")
    lines, rest = split_head(bytes(raw))
    method, target, version = parse_request_line(lines[0])
    headers, names = parse_fields(lines[1:])
    if version == "HTTP/1.1" and names.count("host") != 1:
        raise HTTPError(400, "exactly one Host header is required")
    body = read_body(headers, rest)
    path, _, query = target.partition("?")
    return {
        "method": method,
        "target": target,
        "path": urllib.parse.unquote(path),
        "query": urllib.parse.parse_qs(query, keep_blank_values=True),
        "version": version,
        "headers": headers,
        "body": body,
    }
