"""A minimal HTTP/1.1 request parser (alternative: a parser class that walks
the bytes with a cursor, compiled regular expressions for the grammar, and a
guard that turns any unexpected exception into a 400)."""
import re
import urllib.parse


class HTTPError(Exception):
    def __init__(self, status, reason=""):
        super().__init__(f"{status} {reason}")
        self.status = status


TOKEN = rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+"
REQUEST_LINE = re.compile(rb"(" + TOKEN + rb") ([^ ]+) ([^ ]+)")
VERSION = re.compile(rb"HTTP/[0-9]\.[0-9]")
HEADER_NAME = re.compile(TOKEN)
HEX = re.compile(rb"[0-9A-Fa-f]+")
DIGITS = re.compile(r"[0-9]+")
CRLF = b"\r\n"


def bad(reason, status=400):
    return HTTPError(status, reason)


class _Cursor:
    """Reads CRLF-terminated lines and fixed-size blocks from a bytes buffer."""

    def __init__(self, data):
        self.data = data
        self.pos = 0

    def line(self):
        end = self.data.find(CRLF, self.pos)
        if end < 0:
            raise bad("incomplete: missing CRLF")
        chunk = self.data[self.pos:end]
        self.pos = end + 2
        return chunk

    def take(self, n):
        if self.pos + n > len(self.data):
            raise bad("incomplete body")
        chunk = self.data[self.pos:self.pos + n]
        self.pos += n
        return chunk


class RequestParser:
    def __init__(self, raw):
        if not isinstance(raw, (bytes, bytearray, memoryview)):
            raise bad("input is not bytes")
        self.raw = bytes(raw)

    def parse(self):
        end = self.raw.find(b"\r\n\r\n")
        if end < 0:
            raise bad("no empty line after the header section")
        head = _Cursor(self.raw[:end + 2])  # every head line keeps its CRLF
        method, target, version = self.request_line(head.line())
        headers, counts = self.header_fields(head)
        if version == "HTTP/1.1" and counts.get("host", 0) != 1:
            raise bad("HTTP/1.1 needs exactly one Host header")
        body = self.body(headers, _Cursor(self.raw[end + 4:]))
        path, _, query = target.partition("?")
        return {
            "method": method,
            "target": target,
            "path": urllib.parse.unquote(path, encoding="utf-8", errors="replace"),
            "query": urllib.parse.parse_qs(query, keep_blank_values=True),
            "version": version,
            "headers": headers,
            "body": body,
        }

    @staticmethod
    def request_line(line):
        found = REQUEST_LINE.fullmatch(line)
        if not found:
            raise bad("malformed request line")
        method, target, version = (part.decode("latin-1") for part in found.groups())
        if not VERSION.fullmatch(found.group(3)):
            raise bad("malformed HTTP version")
        if version not in ("HTTP/1.0", "HTTP/1.1"):
            raise bad("HTTP version not supported", 505)
        return method, target, version

    @staticmethod
    def header_fields(head):
        headers, counts = {}, {}
        while head.pos < len(head.data):
            line = head.line()
            if line[:1] in (b" ", b"\t"):
                raise bad("obsolete line folding")
            name, colon, value = line.partition(b":")
            if not colon or not HEADER_NAME.fullmatch(name):
                raise bad("malformed header field")
            value = value.strip(b" \t")
            if any(c in value for c in b"\r\n\x00"):
                raise bad("CR, LF or NUL in a field value")
            key = name.decode("latin-1").lower()
            text = value.decode("latin-1")
            headers[key] = f"{headers[key]}, {text}" if key in headers else text
            counts[key] = counts.get(key, 0) + 1
        return headers, counts

    def body(self, headers, rest):
        te = headers.get("transfer-encoding")
        cl = headers.get("content-length")
        if te is not None and cl is not None:
            raise bad("both Transfer-Encoding and Content-Length")
        if te is not None:
            if te.lower() != "chunked":
                raise bad("unsupported transfer coding", 501)
            return self.chunked(rest)
        if cl is not None:
            values = {v.strip(" \t") for v in cl.split(",")}
            if len(values) != 1:
                raise bad("conflicting Content-Length values")
            (value,) = values
            if not DIGITS.fullmatch(value):
                raise bad("Content-Length is not a number")
            return rest.take(int(value))
        return b""

    @staticmethod
    def chunked(rest):
        parts = []
        while True:
            size_line = rest.line()
            size, semi, _ext = size_line.partition(b";")
            if semi:
                size = size.rstrip(b" \t")  # BWS before the extension
            if not HEX.fullmatch(size):
                raise bad("bad chunk size")
            n = int(size, 16)
            if n == 0:
                break
            parts.append(rest.take(n))
            if rest.take(2) != CRLF:
                raise bad("chunk data not followed by CRLF")
        while rest.line():  # trailer fields until the empty line
            pass
        return b"".join(parts)


def parse_request(raw):
    try:
        return RequestParser(raw).parse()
    except HTTPError:
        raise
    except Exception as exc:  # anything unexpected is still the client's fault
        raise HTTPError(400, f"malformed request ({type(exc).__name__})") from None
