#!/bin/sh
# CHEAT (kept as a wrong solution so validate proves it fails): resolves
# nothing. It merges with "-s ours" (no conflicts at all), then overwrites
# every file with the text the practice repository used to have in every
# run, copied out of make-practice-repo.sh, and commits that.
set -eu
git merge -q -s ours --no-commit feature/timeout
cat > settings.ini <<'END'
[service]
host = 0.0.0.0
port = 8000
timeout = 60
retries = 3
END
echo "1.2.1" > VERSION
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
mkdir -p docs
cat > docs/timeout.md <<'END'
# Timeouts

`timeout` (seconds) and `retries` live in the `[service]` section of
settings.ini. `fetch(url, settings, timeout=5)` overrides the timeout for one
call.
END
git add settings.ini VERSION app.py docs/timeout.md
git commit -q --no-edit
