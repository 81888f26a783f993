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
