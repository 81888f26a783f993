#!/bin/sh
# Builds the starting repository of the "first-commits" exercise.
# Usage: sh make-practice-repo.sh DIR      (DIR must not exist yet)
# The checks build exactly this repository and run your commits.sh inside it.
set -eu
dir=${1:?usage: sh make-practice-repo.sh DIR}
if [ -e "$dir" ]; then
    echo "$dir already exists; give a new directory" >&2
    exit 1
fi
mkdir -p "$dir"
cd "$dir"
git -c init.defaultBranch=main init -q
mkdir -p config

cat > README.md <<'END'
# Inventory service

A small HTTP service that keeps track of stock levels.

Run it with `python3 app.py`.
END

cat > app.py <<'END'
"""Inventory service: entry point."""
from http.server import HTTPServer, BaseHTTPRequestHandler
import configparser


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"items": []}')


if __name__ == "__main__":
    config = configparser.ConfigParser()
    config.read("config/settings.ini")
    port = config.getint("server", "port")
    HTTPServer(("127.0.0.1", port), Handler).serve_forever()
END

cat > config/settings.ini <<'END'
[server]
port = 8080
END

cat > secrets.env <<'END'
API_KEY=sk_live_4f9a0c1e8b7d6a5f
DB_PASSWORD=hunter2
END
