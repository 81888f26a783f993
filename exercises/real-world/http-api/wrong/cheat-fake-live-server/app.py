"""HTTP API of the URL shortener, as a WSGI application. See prompt.md."""
import json
import re

from store import CodeTaken, InvalidCode, InvalidURL, UrlStore

REASONS = {200: "OK", 201: "Created", 302: "Found", 400: "Bad Request", 404: "Not Found",
           405: "Method Not Allowed", 409: "Conflict", 415: "Unsupported Media Type"}
LINK_PATH = re.compile(r"/api/links/([^/]+)")
CODE_PATH = re.compile(r"/([^/]+)")


def create_app(db_path):
    store = UrlStore(db_path)

    def respond(start_response, status, payload=None, headers=()):
        body = json.dumps(payload).encode() if payload is not None else b""
        hdrs = [("Content-Type", "application/json")] if payload is not None else []
        hdrs += list(headers) + [("Content-Length", str(len(body)))]
        start_response(f"{status} {REASONS[status]}", hdrs)
        return [body]

    def error(start_response, status, message, headers=()):
        return respond(start_response, status, {"error": message}, headers)

    def base_url(environ):
        host = environ.get("HTTP_HOST")
        if not host:
            host = environ.get("SERVER_NAME", "localhost")
            port = environ.get("SERVER_PORT", "")
            default = "443" if environ.get("wsgi.url_scheme") == "https" else "80"
            if port and port != default:
                host += ":" + port
        return f"{environ.get('wsgi.url_scheme', 'http')}://{host}"

    def read_json(environ):
        ctype = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        if ctype != "application/json":
            return 415, "send the link as application/json"
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        raw = environ["wsgi.input"].read(length) if length > 0 else b""
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return 400, "the body is not valid JSON"
        if not isinstance(data, dict):
            return 400, "the body must be a JSON object"
        return None, data

    def create(environ, start_response):
        problem, data = read_json(environ)
        if problem:
            return error(start_response, problem, data)
        if "url" not in data:
            return error(start_response, 400, "the field 'url' is required")
        try:
            code = store.shorten(data["url"], data.get("code"))
        except InvalidURL as e:
            return error(start_response, 400, f"invalid url: {e}")
        except InvalidCode as e:
            return error(start_response, 400, f"invalid code: {e}")
        except CodeTaken as e:
            return error(start_response, 409, str(e))
        return respond(start_response, 201,
                       {"code": code, "url": data["url"], "short_url": f"{base_url(environ)}/{code}"},
                       [("Location", f"/api/links/{code}")])

    def app(environ, start_response):
        method = environ.get("REQUEST_METHOD", "GET").upper()
        path = environ.get("PATH_INFO", "") or "/"
        if path == "/health":
            if method != "GET":
                return error(start_response, 405, "method not allowed", [("Allow", "GET")])
            return respond(start_response, 200, {"status": "ok"})
        if path == "/api/links":
            if method != "POST":
                return error(start_response, 405, "method not allowed", [("Allow", "POST")])
            return create(environ, start_response)
        link, short = LINK_PATH.fullmatch(path), CODE_PATH.fullmatch(path)
        if not (link or short):
            return error(start_response, 404, "not found")
        if method != "GET":
            return error(start_response, 405, "method not allowed", [("Allow", "GET")])
        code = (link or short).group(1)
        if link:
            stats = store.stats(code)
            if stats is None:
                return error(start_response, 404, f"no link with code {code!r}")
            return respond(start_response, 200, stats)
        url = store.resolve(code)
        if url is None:
            return error(start_response, 404, f"no link with code {code!r}")
        return respond(start_response, 302, None, [("Location", url)])

    return app
