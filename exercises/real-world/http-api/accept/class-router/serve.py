"""Run the URL shortener on 127.0.0.1: python3 serve.py --port 8000 --db links.db

Alternative: a quiet request handler, SIGTERM turned into a clean shutdown,
and the address-in-use case reported on stderr with exit status 1."""
from __future__ import annotations

import argparse
import errno
import signal
import sys
from wsgiref.simple_server import WSGIRequestHandler, make_server

from app import create_app

HOST = "127.0.0.1"


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # keep stderr for real problems
        pass


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="URL shortener server")
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    parser.add_argument("--db", default="links.db", help="sqlite database file")
    return parser.parse_args(argv)


def _stop(signum, frame):
    raise SystemExit(0)


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        server = make_server(HOST, args.port, create_app(args.db), handler_class=QuietHandler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            print(f"error: port {args.port} on {HOST} is already in use", file=sys.stderr)
            return 1
        raise
    signal.signal(signal.SIGTERM, _stop)
    print(f"Serving on http://{HOST}:{server.server_port}", flush=True)
    try:
        server.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
