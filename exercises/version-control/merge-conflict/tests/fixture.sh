#!/bin/sh
# Builds the starting repository of the "merge-conflict" exercise.
# Usage: sh make-practice-repo.sh DIR      (DIR must not exist yet)
# The checks build a repository like this one and run your merge.sh inside
# it. The dates, main's version number and a few details of app.py and the
# docs are random in every run, so the commit ids change too: refer to
# branches by name, and take each file from a side of the merge, never from
# text copied out of this script.
set -eu
dir=${1:?usage: sh make-practice-repo.sh DIR}
if [ -e "$dir" ]; then
    echo "$dir already exists; give a new directory" >&2
    exit 1
fi
rnd() {  # a random number from 0 to $1 - 1
    echo $(( $(od -An -N4 -tu4 /dev/urandom | tr -d ' ') % $1 ))
}
day=$(( $(rnd 20) + 1 ))
clock=$(printf '%02d:%02d:%02d' $(( $(rnd 8) + 8 )) $(rnd 60) $(rnd 60))
at() {  # at N: an ISO date N days after this run's first day, at this run's time of day
    printf '2024-03-%02dT%s+00:00' $((day + $1)) "$clock"
}
patch=$(( $(rnd 8) + 1 ))          # main's release is 1.2.$patch
retries=$(( $(rnd 5) + 1 ))        # the feature's default number of tries
override=$(( $(rnd 9) + 2 ))
tag=$(echo orders stock cart billing search | cut -d' ' -f$(( $(rnd 5) + 1 )))
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
as "Sam Rivera" sam@example.com "$(at 0)" "Initial version"

# ---- the feature branch
git checkout -q -b feature/timeout
cat > app.py <<END
"""Order service."""
import configparser


def load_settings(path="settings.ini"):
    config = configparser.ConfigParser()
    config.read(path)
    return config["service"]


def fetch(url, settings, timeout=None):
    if timeout is None:
        timeout = settings.getint("timeout")
    retries = settings.getint("retries", fallback=$((retries - 1)))
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
as "Alex Chen" alex@example.com "$(at 3)" "Make the request timeout configurable per call"
mkdir -p docs
cat > docs/timeout.md <<END
# Timeouts

\`timeout\` (seconds) and \`retries\` live in the \`[service]\` section of
settings.ini. \`fetch(url, settings, timeout=$override)\` overrides the timeout for
one call. Without a \`retries\` setting, a request is tried $retries time(s).
END
git add docs/timeout.md
as "Alex Chen" alex@example.com "$(at 4)" "Document the timeout settings"

# ---- meanwhile on main
git checkout -q main
cat > app.py <<END
"""Order service."""
import configparser


def load_settings(path="settings.ini"):
    config = configparser.ConfigParser()
    config.read(path)
    return config["service"]


def fetch(url, settings):
    timeout = settings.getint("timeout")
    print(f"$tag: fetching {url}")
    return f"GET {url} (timeout {timeout}s)"
END
cat > settings.ini <<'END'
[service]
host = 0.0.0.0
port = 8000
timeout = 30
END
echo "1.2.$patch" > VERSION
cat > CHANGELOG.md <<END
# Changelog

## 1.2.$patch
- Listen on port 8000

## 1.2.0
- First public release
END
git add app.py settings.ini VERSION CHANGELOG.md
as "Sam Rivera" sam@example.com "$(at 5)" "Release 1.2.$patch: listen on port 8000"
