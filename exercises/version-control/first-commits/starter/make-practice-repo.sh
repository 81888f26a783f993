#!/bin/sh
# Builds the starting repository of the "first-commits" exercise.
# Usage: sh make-practice-repo.sh DIR      (DIR must not exist yet)
# The checks build a repository like this one and run your commits.sh inside
# it. A few contents (the secrets, two numbers) are random in every run, so
# commit the files that are there, never text copied from this script.
set -eu
dir=${1:?usage: sh make-practice-repo.sh DIR}
if [ -e "$dir" ]; then
    echo "$dir already exists; give a new directory" >&2
    exit 1
fi
rnd() {  # a random number from 0 to $1 - 1
    echo $(( $(od -An -N4 -tu4 /dev/urandom | tr -d ' ') % $1 ))
}
hex() {  # $1 random hex digits
    od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n' | cut -c1-"$1"
}
mkdir -p "$dir"
cd "$dir"
git -c init.defaultBranch=main init -q
mkdir -p config

cat > README.md <<END
# Inventory service

A small HTTP service that keeps track of stock levels in
$(( $(rnd 40) + 2 )) warehouses.

Run it with \`python3 app.py\`.
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

cat > config/settings.ini <<END
[server]
port = 8080
workers = $(( $(rnd 15) + 2 ))
END

cat > secrets.env <<END
API_KEY=sk_live_$(hex 16)
DB_PASSWORD=$(hex 12)
END
