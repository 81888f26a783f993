"""Mistake: Content-Length counts characters of a str body, not bytes."""
import http
import re

TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+\Z")
VALUE = re.compile(r"[\t\x20-\x7e]*\Z")
FRAMING = {"content-length", "transfer-encoding"}


def _reason(status):
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def _pairs(headers):
    if headers is None:
        return []
    items = headers.items() if isinstance(headers, dict) else headers
    pairs = []
    for name, value in items:
        if not isinstance(name, str) or not TOKEN.match(name):
            raise ValueError(f"invalid header name {name!r}")
        if not isinstance(value, str) or not VALUE.match(value):
            raise ValueError(f"invalid value for header {name}: {value!r}")
        if name.lower() in FRAMING:
            raise ValueError(f"{name} is set by build_response itself")
        pairs.append((name, value))
    return pairs


def build_response(status, headers=None, body=b"", *, head=False):
    if type(status) is not int or not 100 <= status <= 599:
        raise ValueError(f"invalid status code {status!r}")
    pairs = _pairs(headers)
    text = isinstance(body, str)
    length = len(body)
    if text:
        body = body.encode("utf-8")
    elif not isinstance(body, (bytes, bytearray)):
        raise TypeError("body must be bytes or str")
    bodyless = status < 200 or status in (204, 304)
    if bodyless:
        if body:
            raise ValueError(f"a {status} response cannot have a body")
    else:
        if text and not any(n.lower() == "content-type" for n, _ in pairs):
            pairs.append(("Content-Type", "text/plain; charset=utf-8"))
        pairs.append(("Content-Length", str(length)))
    head_lines = [f"HTTP/1.1 {status} {_reason(status)}"] + [f"{n}: {v}" for n, v in pairs]
    wire = ("\r\n".join(head_lines) + "\r\n\r\n").encode("ascii")
    return wire if head or bodyless else wire + bytes(body)


_REDIRECTS = {(True, False): 301, (True, True): 308, (False, False): 302, (False, True): 307}


def redirect(location, *, permanent, keep_method):
    status = _REDIRECTS[(bool(permanent), bool(keep_method))]
    return build_response(status, [("Location", location)], f"Redirecting to {location}\n")
