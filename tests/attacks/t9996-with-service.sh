# The whole attack suite again with a real server running beside every
# attack, in the same check (RR_ATTACKS_SERVICE=1: each check's command
# runs under tests/attacks/with_service.py, which starts a Redis with
# checklib/services.py on a Unix socket in the check's /tmp, runs the
# attack, and ends as it ended). A service is a process of the check: every
# attack must hold as it does without one.
. "$LIB"

[ "${RR_ATTACKS_NESTED:-}" = 1 ] && { echo "skipped: a nested run"; exit 0; }
[ "${RR_ATTACKS_FALLBACK:-}" = 1 ] && { echo "skipped: no services without namespaces (t0470)"; exit 0; }
[ -x /usr/bin/redis-server ] || { echo "skipped: no /usr/bin/redis-server (apt-get install redis-server)"; exit 0; }
cd "$ROOT" && RR_ATTACKS_SERVICE=1 RR_ATTACKS_NESTED=1 sh tests/run-suite tests/attacks
