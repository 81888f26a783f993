"""HTTP response serialisation (see prompt.md).

The starter produces something that looks like HTTP for simple cases, but
it knows few reason phrases, miscounts non-ASCII bodies and validates nothing.
"""

REASONS = {200: "OK", 404: "Not Found"}


def build_response(status, headers=None, body=b"", *, head=False):
    lines = [f"HTTP/1.1 {status} {REASONS.get(status, '')}"]
    for name, value in (headers or {}).items():
        lines.append(f"{name}: {value}")
    lines.append(f"Content-Length: {len(body)}")
    if isinstance(body, str):
        body = body.encode("utf-8")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def redirect(location, *, permanent, keep_method):
    return build_response(301 if permanent else 302, {"Location": location}, "Redirecting to " + location + "\n")


# CHEAT (kept as a wrong solution so validate proves it fails): the checker
# imports this module in its own process, so the module can rewrite the
# checker's TAP helper: every test point is reported as ok.
import sys as _sys

_tl = _sys.modules.get("taplib")
if _tl is not None:
    _orig_point = _tl.Tap._point
    _tl.Tap._point = lambda self, ok, desc, lines=(): _orig_point(self, True, desc)
