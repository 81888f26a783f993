# The whole attack suite again with the namespaces turned off
# (ROADMAP_RUN_SANDBOX_DISABLE=namespaces): the fallback that machines
# without unprivileged user namespaces get (issue 3, "Fallbacks"): Landlock,
# seccomp, rlimits, the cgroup and the privilege drop must still hold every
# attack. Inside, scripts whose expected outcome depends on a namespace say
# so (a loopback check then ends with status error, as documented).
. "$LIB"

[ "${RR_ATTACKS_FALLBACK:-}" = 1 ] && { echo "skipped: already the fallback run"; exit 0; }
[ "${RR_ATTACKS_FORKED_INIT:-}" = 1 ] && { echo "skipped: no init without namespaces"; exit 0; }
[ "${RR_ATTACKS_SERVICE:-}" = 1 ] && { echo "skipped: no services without namespaces (t0470)"; exit 0; }
cd "$ROOT" && ROADMAP_RUN_SANDBOX_DISABLE=namespaces RR_ATTACKS_FALLBACK=1 RR_ATTACKS_NESTED=1 \
	sh tests/run-suite tests/attacks
