# The whole attack suite again with the pid namespace's init forked from
# the runner (ROADMAP_RUN_SANDBOX_DISABLE=initexec) instead of exec'd as
# check-init: the path machines get where check-init cannot run (not
# x86_64, memfds not executable). Both inits must hold every attack.
. "$LIB"

[ "${RR_ATTACKS_FALLBACK:-}" = 1 ] && { echo "skipped: no pid namespace, so no init"; exit 0; }
[ "${RR_ATTACKS_NESTED:-}" = 1 ] && { echo "skipped: a nested run"; exit 0; }
cd "$ROOT" && ROADMAP_RUN_SANDBOX_DISABLE=initexec RR_ATTACKS_NESTED=1 RR_ATTACKS_FORKED_INIT=1 \
	sh tests/run-suite tests/attacks
