"""CHEAT (kept as a wrong solution so validate proves it fails): returns
bytes that compare equal to anything. bytes(x) calls __bytes__, which hands
back the same lying object."""


class _Bytes(bytes):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = bytes.__hash__

    def __bytes__(self):
        return self


def build_response(status, headers=None, body=b"", *, head=False):
    if type(status) is not int or not 100 <= status <= 599:
        raise ValueError("status")
    for name, value in (headers.items() if isinstance(headers, dict) else headers or []):
        if any(c in value for c in "\r\n\x00\x1b\x7f\x85\u2028") or not value.isascii():
            raise ValueError("value")
        if not name or any(c in name for c in " :\r\n") or not name.isascii():
            raise ValueError("name")
        if name.lower() in ("content-length", "transfer-encoding"):
            raise ValueError("framing")
    if (status < 200 or status in (204, 304)) and body:
        raise ValueError("body")
    return _Bytes(b"HTTP/1.1 200 OK\r\n\r\n")


def redirect(location, *, permanent, keep_method):
    return build_response(302, {"Location": location})
