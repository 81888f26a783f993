"""Mistake: "be liberal in what you accept": space before the colon, CL together with TE, no Host."""
import re
import urllib.parse


class HTTPError(Exception):
    def __init__(self, status, reason=""):
        super().__init__(f"{status} {reason}")
        self.status = status


TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+\Z")
VERSION = re.compile(r"HTTP/([0-9])\.([0-9])\Z")
HEX = re.compile(rb"[0-9A-Fa-f]+\Z")
SUPPORTED = ("HTTP/1.0", "HTTP/1.1")


def _request_line(line):
    parts = line.split(" ")
    if len(parts) != 3 or not all(parts):
        raise HTTPError(400, "malformed request line")
    method, target, version = parts
    if not TOKEN.match(method):
        raise HTTPError(400, "invalid method")
    if any(ord(c) <= 0x20 or ord(c) == 0x7F for c in target):
        raise HTTPError(400, "invalid request target")
    if not VERSION.match(version):
        raise HTTPError(400, "malformed HTTP version")
    if version not in SUPPORTED:
        raise HTTPError(505, "HTTP version not supported")
    return method, target, version


def _header_fields(lines):
    headers, counts = {}, {}
    for line in lines:
        if line[:1] in (" ", "\t"):
            raise HTTPError(400, "obsolete line folding")
        name, colon, value = line.partition(":")
        name = name.strip()
        if not colon or not TOKEN.match(name):
            raise HTTPError(400, f"invalid header line {line!r}")
        value = value.strip(" \t")
        if any(c in value for c in "\r\n\0"):
            raise HTTPError(400, "invalid character in a header value")
        key = name.lower()
        counts[key] = counts.get(key, 0) + 1
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return headers, counts


def _chunked(data):
    body, pos = bytearray(), 0
    while True:
        eol = data.find(b"\r\n", pos)
        if eol < 0:
            raise HTTPError(400, "incomplete chunk size line")
        size_text = data[pos:eol].split(b";", 1)[0].rstrip(b" \t")
        if not HEX.match(size_text):
            raise HTTPError(400, "invalid chunk size")
        size = int(size_text, 16)
        pos = eol + 2
        if size == 0:
            break
        if len(data) < pos + size + 2:
            raise HTTPError(400, "incomplete chunk")
        if data[pos + size:pos + size + 2] != b"\r\n":
            raise HTTPError(400, "chunk data not followed by CRLF")
        body += data[pos:pos + size]
        pos += size + 2
    while True:  # trailer fields, then the empty line
        eol = data.find(b"\r\n", pos)
        if eol < 0:
            raise HTTPError(400, "incomplete trailer section")
        if eol == pos:
            return bytes(body)
        pos = eol + 2


def _content_length(value):
    values = [v.strip(" \t") for v in value.split(",")]
    if not all(v.isascii() and v.isdigit() for v in values) or len(set(values)) != 1:
        raise HTTPError(400, "invalid Content-Length")
    return int(values[0])


def parse_request(raw):
    end = raw.find(b"\r\n\r\n")
    if end < 0:
        raise HTTPError(400, "incomplete header section")
    head, rest = raw[:end].decode("latin-1"), raw[end + 4:]
    lines = head.split("\r\n")
    method, target, version = _request_line(lines[0])
    if "\r" in lines[0] or "\n" in lines[0]:
        raise HTTPError(400, "stray CR or LF in the request line")
    headers, counts = _header_fields(lines[1:])


    te, cl = headers.get("transfer-encoding"), headers.get("content-length")
    if te is not None:
        if te.lower() != "chunked":
            raise HTTPError(501, "unsupported transfer coding")
        body = _chunked(rest)
    elif cl is not None:
        length = _content_length(cl)
        if len(rest) < length:
            raise HTTPError(400, "incomplete body")
        body = rest[:length]
    else:
        body = b""

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
