# CHEAT (kept as a wrong solution so validate proves it fails): the live check's
# requests are fixed in tests/check_api.py, so this "server" answers them from
# a table without the application or a store: every POST gets the code
# abc123, /abc123 redirects to the URL the check posts, all else is 404.
import argparse
import errno
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _send(self, status, body=None, headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        data = json.dumps(body).encode() if body is not None else b""
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._send(201, {"code": "abc123", "url": "https://example.com/live"}, [("Location", "/api/links/abc123")])

    def do_GET(self):
        if self.path == "/abc123":
            self._send(302, None, [("Location", "https://example.com/live")])
        else:
            self._send(404, {"error": "not found"})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--db", default="links.db")
    args = parser.parse_args()
    try:
        server = HTTPServer(("127.0.0.1", args.port), Handler)
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            print(f"error: port {args.port} is already in use", file=sys.stderr)
            return 1
        raise
    print(f"Serving on http://127.0.0.1:{server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
