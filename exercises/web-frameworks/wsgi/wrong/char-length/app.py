"""A WSGI application written by hand (PEP 3333)."""
import json
from urllib.parse import parse_qs

REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"}
TEXT = "text/plain; charset=utf-8"
JSON = "application/json"


def respond(start_response, code, content_type, text, extra=()):
    body = text.encode("utf-8")
    headers = [("Content-Type", content_type), ("Content-Length", str(len(text)))]
    headers.extend(extra)
    start_response(f"{code} {REASONS[code]}", headers)
    return [body]


def read_body(environ):
    """Read exactly CONTENT_LENGTH bytes; raise ValueError when it is not a number."""
    length = environ.get("CONTENT_LENGTH") or "0"
    n = int(length)
    if n < 0:
        raise ValueError("negative Content-Length")
    return environ["wsgi.input"].read(n) if n else b""


def hello(environ, start_response):
    query = parse_qs(environ.get("QUERY_STRING", ""), encoding="utf-8")
    name = (query.get("name") or [""])[0] or "world"
    return respond(start_response, 200, TEXT, f"Hello, {name}!")


def echo(environ, start_response):
    bad = lambda: respond(start_response, 400, JSON, json.dumps({"error": "invalid JSON"}))
    try:
        raw = read_body(environ)
        data = json.loads(raw.decode("utf-8"))
    except ValueError:  # int(), UnicodeDecodeError and JSONDecodeError are ValueErrors
        return bad()
    if not isinstance(data, dict):
        return bad()
    return respond(start_response, 200, JSON, json.dumps({"received": data, "length": len(raw)}))


ROUTES = {"/hello": ("GET", hello), "/echo": ("POST", echo)}


def application(environ, start_response):
    path = environ.get("PATH_INFO", "")
    method = environ.get("REQUEST_METHOD", "GET")
    if path not in ROUTES:
        return respond(start_response, 404, TEXT, "Not Found")
    allowed, handler = ROUTES[path]
    if method != allowed:
        return respond(start_response, 405, TEXT, "Method Not Allowed", [("Allow", allowed)])
    return handler(environ, start_response)
