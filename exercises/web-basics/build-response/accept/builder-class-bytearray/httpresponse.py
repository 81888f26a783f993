"""HTTP response serialisation (alternative: a small ResponseBuilder class
that validates each piece as it is added and writes into a bytearray)."""
from http import HTTPStatus
import re

_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_FIELD_VALUE = re.compile(r"[\t\x20-\x7e]*")
_FRAMING = {"content-length", "transfer-encoding"}
_REDIRECTS = {(True, False): 301, (True, True): 308, (False, False): 302, (False, True): 307}


def _reason(code):
    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return "Unknown"


def _pairs(headers):
    if headers is None:
        return []
    if isinstance(headers, dict):
        return list(headers.items())
    if isinstance(headers, (list, tuple)):
        pairs = []
        for item in headers:
            if not isinstance(item, (list, tuple)) or len(item) != 2:
                raise ValueError(f"header entries must be (name, value) pairs, got {item!r}")
            pairs.append((item[0], item[1]))
        return pairs
    raise ValueError("headers must be None, a dict or a list of (name, value) pairs")


class ResponseBuilder:
    def __init__(self, status):
        if isinstance(status, bool) or not isinstance(status, int) or not 100 <= status <= 599:
            raise ValueError(f"invalid status code: {status!r}")
        self.status = int(status)
        self.lines = [f"HTTP/1.1 {self.status} {_reason(self.status)}"]
        self.names = set()

    @property
    def bodyless(self):
        return self.status < 200 or self.status in (204, 304)

    def header(self, name, value, *, internal=False):
        if not isinstance(name, str) or not _TOKEN.fullmatch(name):
            raise ValueError(f"invalid header name: {name!r}")
        if not isinstance(value, str) or not _FIELD_VALUE.fullmatch(value):
            raise ValueError(f"invalid value for header {name}")
        if not internal and name.lower() in _FRAMING:
            raise ValueError(f"{name} is set by build_response itself")
        self.lines.append(f"{name}: {value}")
        self.names.add(name.lower())
        return self

    def build(self, body, head):
        if isinstance(body, str):
            payload = body.encode("utf-8")
            if not self.bodyless and "content-type" not in self.names:
                self.header("Content-Type", "text/plain; charset=utf-8", internal=True)
        elif isinstance(body, (bytes, bytearray, memoryview)):
            payload = bytes(body)
        else:
            raise ValueError("body must be bytes or str")
        if self.bodyless:
            if payload:
                raise ValueError(f"a {self.status} response has no body")
        else:
            self.header("Content-Length", str(len(payload)), internal=True)
        out = bytearray()
        for line in self.lines:
            out += line.encode("ascii") + b"\r\n"
        out += b"\r\n"
        if not head:
            out += payload
        return bytes(out)


def build_response(status, headers=None, body=b"", *, head=False):
    builder = ResponseBuilder(status)
    for name, value in _pairs(headers):
        builder.header(name, value)
    return builder.build(body, head)


def redirect(location, *, permanent, keep_method):
    code = _REDIRECTS[(bool(permanent), bool(keep_method))]
    return build_response(code, [("Location", location)], f"Redirecting to {location}\n")
