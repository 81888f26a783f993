"""A tiny web app to containerise. GET /health answers 200 "ok"."""
import os
from wsgiref.simple_server import make_server


def application(environ, start_response):
    if environ.get("PATH_INFO") == "/health":
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"hello from the container"]


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8000"))
    make_server("0.0.0.0", port, application).serve_forever()
