#!/bin/sh
# Builds the starting repository of the "merge-conflict" exercise.
# Usage: sh make-practice-repo.sh DIR      (DIR must not exist yet)
# The checks build exactly this repository (same commit ids) and run your
# merge.sh inside it.
set -eu
dir=${1:?usage: sh make-practice-repo.sh DIR}
if [ -e "$dir" ]; then
    echo "$dir already exists; give a new directory" >&2
    exit 1
fi
mkdir -p "$dir"
cd "$dir"
git -c init.defaultBranch=main init -q

as() {  # as NAME EMAIL DATE MESSAGE: commit everything staged as that person, at that date
    GIT_AUTHOR_NAME=$1 GIT_AUTHOR_EMAIL=$2 GIT_AUTHOR_DATE=$3 \
    GIT_COMMITTER_NAME=$1 GIT_COMMITTER_EMAIL=$2 GIT_COMMITTER_DATE=$3 \
        git -c commit.gpgsign=false commit -q -m "$4"
}

# ---- the common base on main
cat > app.py <<'END'
"""Order service."""
import configparser


def load_settings(path="settings.ini"):
    config = configparser.ConfigParser()
    config.read(path)
    return config["service"]


def fetch(url, settings):
    timeout = settings.getint("timeout")
    return f"GET {url} (timeout {timeout}s)"
END
cat > settings.ini <<'END'
[service]
host = 0.0.0.0
port = 8080
timeout = 30
END
echo "1.2.0" > VERSION
cat > CHANGELOG.md <<'END'
# Changelog

## 1.2.0
- First public release
END
git add app.py settings.ini VERSION CHANGELOG.md
as "Sam Rivera" sam@example.com "2024-03-01T10:00:00+00:00" "Initial version"

# ---- the feature branch
git checkout -q -b feature/timeout
cat > app.py <<'END'
"""Order service."""
import configparser


def load_settings(path="settings.ini"):
    config = configparser.ConfigParser()
    config.read(path)
    return config["service"]


def fetch(url, settings, timeout=None):
    if timeout is None:
        timeout = settings.getint("timeout")
    retries = settings.getint("retries", fallback=0)
    return f"GET {url} (timeout {timeout}s, {retries} retries)"
END
cat > settings.ini <<'END'
[service]
host = 0.0.0.0
port = 8080
timeout = 60
retries = 3
END
echo "1.3.0-dev" > VERSION
git add app.py settings.ini VERSION
as "Alex Chen" alex@example.com "2024-03-04T09:30:00+00:00" "Make the request timeout configurable per call"
mkdir -p docs
cat > docs/timeout.md <<'END'
# Timeouts

`timeout` (seconds) and `retries` live in the `[service]` section of
settings.ini. `fetch(url, settings, timeout=5)` overrides the timeout for one
call.
END
git add docs/timeout.md
as "Alex Chen" alex@example.com "2024-03-04T11:00:00+00:00" "Document the timeout settings"

# ---- meanwhile on main
git checkout -q main
cat > app.py <<'END'
"""Order service."""
import configparser


def load_settings(path="settings.ini"):
    config = configparser.ConfigParser()
    config.read(path)
    return config["service"]


def fetch(url, settings):
    timeout = settings.getint("timeout")
    print(f"fetching {url}")
    return f"GET {url} (timeout {timeout}s)"
END
cat > settings.ini <<'END'
[service]
host = 0.0.0.0
port = 8000
timeout = 30
END
echo "1.2.1" > VERSION
cat > CHANGELOG.md <<'END'
# Changelog

## 1.2.1
- Listen on port 8000

## 1.2.0
- First public release
END
git add app.py settings.ini VERSION CHANGELOG.md
as "Sam Rivera" sam@example.com "2024-03-05T14:00:00+00:00" "Release 1.2.1: listen on port 8000"
