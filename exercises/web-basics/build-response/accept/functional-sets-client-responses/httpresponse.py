"""HTTP response serialisation (alternative: plain functions, character sets
instead of regular expressions, reason phrases from http.client.responses,
and the response assembled as a list of byte strings)."""
import http.client
import string

TCHARS = frozenset("!#$%&'*+-.^_`|~" + string.ascii_letters + string.digits)
VCHARS = frozenset(chr(c) for c in range(0x20, 0x7F)) | {"\t"}
NO_BODY = frozenset({204, 304})
REDIRECT_CODES = {
    # (permanent, keep_method): status
    (True, False): 301,
    (False, False): 302,
    (False, True): 307,
    (True, True): 308,
}


def _status_line(status):
    if type(status) is bool or not isinstance(status, int):
        raise ValueError("status must be an int")
    if status < 100 or status > 599:
        raise ValueError("status must be between 100 and 599")
    reason = http.client.responses.get(status, "Unknown")
    return b"HTTP/1.1 %d %s\r\n" % (status, reason.encode("ascii"))


def _header_items(headers):
    if headers is None:
        return ()
    items = headers.items() if isinstance(headers, dict) else headers
    result = []
    for item in items:
        name, value = item
        result.append((name, value))
    return result


def _check_field(name, value):
    if not isinstance(name, str) or not name or not set(name) <= TCHARS:
        raise ValueError(f"header name {name!r} is not a token")
    if not isinstance(value, str) or not set(value) <= VCHARS:
        raise ValueError(f"header {name} has a forbidden character in its value")
    if name.lower() in ("content-length", "transfer-encoding"):
        raise ValueError(f"{name} is computed by build_response")


def build_response(status, headers=None, body=b"", *, head=False):
    out = [_status_line(status)]
    items = _header_items(headers)
    for name, value in items:
        _check_field(name, value)
        out.append(f"{name}: {value}\r\n".encode("ascii"))

    if isinstance(body, str):
        payload, is_text = body.encode("utf-8"), True
    elif isinstance(body, (bytes, bytearray)):
        payload, is_text = bytes(body), False
    else:
        raise ValueError("body must be bytes or str")

    if 100 <= status < 200 or status in NO_BODY:
        if payload:
            raise ValueError(f"status {status} cannot carry a body")
    else:
        if is_text and not any(name.lower() == "content-type" for name, _ in items):
            out.append(b"Content-Type: text/plain; charset=utf-8\r\n")
        out.append(b"Content-Length: %d\r\n" % len(payload))

    out.append(b"\r\n")
    if not head:
        out.append(payload)
    return b"".join(out)


def redirect(location, *, permanent, keep_method):
    status = REDIRECT_CODES[bool(permanent), bool(keep_method)]
    return build_response(status, {"Location": location}, "Redirecting to %s\n" % location)
