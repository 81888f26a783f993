"""A WSGI application written by hand (alternative: one function with an
if/elif chain, wsgiref.headers.Headers to build the header list,
parse_qsl for the query string, and a tuple as the response iterable)."""
import json
from urllib.parse import parse_qsl
from wsgiref.headers import Headers

PLAIN = "text/plain; charset=utf-8"
ALLOWED = {"/hello": "GET", "/echo": "POST"}


def _finish(start_response, status, content_type, body, **extra):
    if isinstance(body, str):
        body = body.encode("utf-8")
    headers = Headers([])
    headers["Content-Type"] = content_type
    headers["Content-Length"] = str(len(body))
    for name, value in extra.items():
        headers[name.replace("_", "-")] = value
    start_response(status, headers.items())
    return (body,)


def _content_length(environ):
    raw = environ.get("CONTENT_LENGTH", "")
    if raw in ("", None):
        return 0
    raw = raw.strip()
    if not (raw.isascii() and raw.isdigit()):
        raise ValueError(raw)
    return int(raw)


def application(environ, start_response):
    method = environ["REQUEST_METHOD"]
    path = environ.get("PATH_INFO", "")

    if path not in ALLOWED:
        return _finish(start_response, "404 Not Found", PLAIN, "Not Found: %s\n" % path)

    if method != ALLOWED[path]:
        return _finish(start_response, "405 Method Not Allowed", PLAIN,
                       "Method Not Allowed\n", Allow=ALLOWED[path])

    if path == "/hello":
        name = "world"
        for key, value in parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True):
            if key == "name" and value:
                name = value
                break
        return _finish(start_response, "200 OK", PLAIN, "Hello, %s!" % name)

    # POST /echo
    bad = ("400 Bad Request", "application/json", json.dumps({"error": "invalid JSON"}))
    try:
        length = _content_length(environ)
    except ValueError:
        return _finish(start_response, *bad)
    data = environ["wsgi.input"].read(length) if length > 0 else b""
    try:
        received = json.loads(data.decode("utf-8"))
    except ValueError:  # includes UnicodeDecodeError and JSONDecodeError
        return _finish(start_response, *bad)
    if type(received) is not dict:
        return _finish(start_response, *bad)
    payload = json.dumps({"received": received, "length": len(data)})
    return _finish(start_response, "200 OK", "application/json", payload)
