"""Run the URL shortener on 127.0.0.1: python3 serve.py --port 8000 --db links.db"""
import argparse
import errno
import signal
import sys
from wsgiref.simple_server import WSGIRequestHandler, make_server

from app import create_app


class QuietHandler(WSGIRequestHandler):
    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.address_string(), fmt % args))


def main(argv=None):
    parser = argparse.ArgumentParser(description="Run the URL shortener.")
    parser.add_argument("--port", type=int, default=8000, help="TCP port on 127.0.0.1 (0: any free port)")
    parser.add_argument("--db", default="links.db", help="sqlite database file")
    args = parser.parse_args(argv)
    app = create_app(args.db)
    try:
        server = make_server("127.0.0.1", args.port, app, handler_class=QuietHandler)
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            print(f"error: port {args.port} on 127.0.0.1 is already in use; choose another with --port",
                  file=sys.stderr)
        else:
            print(f"error: cannot listen on 127.0.0.1:{args.port}: {e.strerror}", file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"Serving on http://127.0.0.1:{server.server_port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
