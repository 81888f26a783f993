# The whole attack suite again as an unprivileged user (issue 3: "as root,
# and as an unprivileged user"). The repository may sit where nobody can
# read it (/root), so the runner, the helpers and the scripts are copied to
# a world-readable temporary tree first; the nested run skips this script
# but runs t9998 (the fallback without namespaces) as uid 65534 too.
. "$LIB"

[ "${RR_ATTACKS_NESTED:-}" = 1 ] && { echo "skipped: already the unprivileged run"; exit 0; }
if [ "$(id -u)" != 0 ]; then
	echo "skipped: not root, so this suite already ran unprivileged"
	exit 0
fi
command -v setpriv >/dev/null || die "setpriv (util-linux) is needed to drop to uid 65534"

T=$(mktemp -d /tmp/rr-unpriv.XXXXXX) || die "mktemp failed"
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/build/tests/helpers" "$T/tests/attacks" "$T/tests/helpers" "$T/tmp"
cp "$RR" "$T/build/roadmap-run"
cp "$HELPERS"/* "$T/build/tests/helpers/"
cp "$ROOT/tests/lib.sh" "$ROOT/tests/run-suite" "$T/tests/"
cp "$ROOT/tests/helpers/pty-drive.py" "$T/tests/helpers/"  # t0330, t0350 drive the quiz
cp "$ROOT"/tests/attacks/* "$T/tests/attacks/"
# the service attacks (t0470) use the check library; t0480 the web-frameworks helpers
cp -R "$ROOT/checklib" "$T/"
mkdir -p "$T/exercises/web-frameworks"
cp -R "$ROOT/exercises/web-frameworks/support" "$T/exercises/web-frameworks/"
chmod -R a+rX "$T"
chmod 1777 "$T/tmp"

cd "$T" && setpriv --reuid=65534 --regid=65534 --clear-groups --reset-env \
	env RR_ATTACKS_NESTED=1 ${RR_ATTACKS_FALLBACK:+RR_ATTACKS_FALLBACK=1} \
	${ROADMAP_RUN_SANDBOX_DISABLE:+ROADMAP_RUN_SANDBOX_DISABLE=$ROADMAP_RUN_SANDBOX_DISABLE} \
	TMPDIR="$T/tmp" PATH=/usr/local/bin:/usr/bin:/bin \
	sh tests/run-suite tests/attacks
