"""HTTP API of the URL shortener, as a WSGI application. See prompt.md."""
import json

from store import CodeTaken, InvalidCode, InvalidURL, UrlStore


def create_app(db_path):
    store = UrlStore(db_path)

    def app(environ, start_response):
        body = json.dumps({"error": "not implemented"}).encode()
        start_response("404 Not Found", [("Content-Type", "application/json"),
                                         ("Content-Length", str(len(body)))])
        return [body]

    return app
