"""HTTP API of the URL shortener, as a WSGI application (alternative: plain
functions, dispatch on the split path with if/elif, errors raised as an
ApiError exception; runs on my own store.py from part 1)."""
import json

from store import CodeTaken, InvalidCode, InvalidURL, UrlStore

REASONS = {200: "OK", 201: "Created", 302: "Found", 400: "Bad Request", 404: "Not Found",
           405: "Method Not Allowed", 409: "Conflict", 415: "Unsupported Media Type"}


class ApiError(Exception):
    def __init__(self, status, message, headers=()):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, list(headers)


def _reply(start_response, status, payload=None, headers=()):
    body = b"" if payload is None else json.dumps(payload).encode("utf-8")
    head = list(headers)
    if payload is not None:
        head.insert(0, ("Content-Type", "application/json"))
    head.append(("Content-Length", str(len(body))))
    start_response(f"{status} {REASONS[status]}", head)
    return [body]


def _require(method, allowed):
    if method != allowed:
        raise ApiError(405, f"use {allowed}", [("Allow", allowed)])


def _json_body(environ):
    media = (environ.get("CONTENT_TYPE") or "").partition(";")[0].strip().lower()
    if media != "application/json":
        raise ApiError(415, "Content-Type must be application/json")
    length_text = environ.get("CONTENT_LENGTH") or "0"
    if not length_text.isdigit() or not length_text.isascii():
        raise ApiError(400, "invalid Content-Length")
    raw = environ["wsgi.input"].read(int(length_text))
    try:
        data = json.loads(raw)
    except (ValueError, TypeError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise ApiError(400, "invalid JSON") from None
    if not isinstance(data, dict):
        raise ApiError(400, "expected a JSON object")
    if "url" not in data:
        raise ApiError(400, "missing 'url'")
    return data


def create_app(db_path):
    store = UrlStore(db_path)

    def create(environ):
        data = _json_body(environ)
        try:
            code = store.shorten(data["url"], data.get("code"))
        except (InvalidURL, InvalidCode) as exc:
            raise ApiError(400, str(exc) or type(exc).__name__) from None
        except CodeTaken:
            raise ApiError(409, "code already taken") from None
        host = environ.get("HTTP_HOST", "")
        short = "{}://{}/{}".format(environ["wsgi.url_scheme"], host, code)
        return 201, {"code": code, "url": data["url"], "short_url": short}, [("Location", "/api/links/" + code)]

    def app(environ, start_response):
        method = environ.get("REQUEST_METHOD", "GET")
        parts = environ.get("PATH_INFO", "/").split("/")[1:]  # "/a/b" -> ["a", "b"]
        try:
            if parts == ["health"]:
                _require(method, "GET")
                status, payload, headers = 200, {"status": "ok"}, []
            elif parts == ["api", "links"]:
                _require(method, "POST")
                status, payload, headers = create(environ)
            elif len(parts) == 3 and parts[:2] == ["api", "links"] and parts[2]:
                _require(method, "GET")
                info = store.stats(parts[2])
                if info is None:
                    raise ApiError(404, "no such code")
                status, payload, headers = 200, info, []
            elif len(parts) == 1 and parts[0]:
                _require(method, "GET")
                target = store.resolve(parts[0])
                if target is None:
                    raise ApiError(404, "no such code")
                status, payload, headers = 302, {"url": target}, [("Location", target)]
            else:
                raise ApiError(404, "not found")
        except ApiError as err:
            status, payload, headers = err.status, {"error": err.message}, err.headers
        return _reply(start_response, status, payload, headers)

    return app
