"""Run the URL shortener on 127.0.0.1: python3 serve.py --port 8000 --db links.db

Alternative: the WSGIServer is created unbound, then bound and activated
explicitly, so the "address in use" case is handled at exactly one call."""
import argparse
import errno
import signal
import sys
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from app import create_app


def build_server(port, app):
    server = WSGIServer(("127.0.0.1", port), WSGIRequestHandler, bind_and_activate=False)
    try:
        server.server_bind()
        server.server_activate()
    except OSError:
        server.server_close()
        raise
    server.set_app(app)
    return server


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--db", default="links.db")
    args = parser.parse_args()

    try:
        server = build_server(args.port, create_app(args.db))
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        sys.stderr.write(f"error: port {args.port} on 127.0.0.1 is already in use\n")
        sys.exit(1)

    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    sys.stdout.write(f"Serving on http://127.0.0.1:{server.server_address[1]}\n")
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
