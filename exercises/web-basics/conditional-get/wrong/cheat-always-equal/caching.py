"""CHEAT (kept as a wrong solution so validate proves it fails): no caching
logic at all. Every value returned compares equal to whatever the checker
expects, because its __eq__ says True and its __ne__ says False."""


class _Yes:
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = object.__hash__


class _Str(_Yes, str):
    pass


class _Int(_Yes, int):
    pass


class _Bytes(_Yes, bytes):
    pass


class _Dict(_Yes, dict):
    pass


def make_etag(body):
    return _Str('"0000000000000000"')


def cache_control_for(path):
    return _Str("no-cache")


def respond(method, request_headers, body, last_modified, path):
    return (_Int(200), _Dict(), _Bytes(b""))
