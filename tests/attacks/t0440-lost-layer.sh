# A lost layer nobody saw (issue 10): run without root, with a tmpfs
# mounted below $TMPDIR, roadmap-run used to drop its mount namespace (the
# work directories' parent was bound without MS_REC, which the kernel
# refuses in a user namespace) and said so only in --check-sandbox. Now
# the checks keep it; and any layer the machine offers but checks lose is
# named on stderr once per run. Needs root to mount the tmpfs and setpriv
# to run the runner as uid 65534.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

[ "$(id -u)" = 0 ] || { echo "skipped: needs root to mount a tmpfs below TMPDIR"; exit 0; }
[ -n "${ROADMAP_RUN_SANDBOX_DISABLE:-}" ] && { echo "skipped: layers turned off on purpose"; exit 0; }
command -v setpriv >/dev/null || { echo "skipped: no setpriv"; exit 0; }
T=$(mktemp -d /tmp/rr-t0440.XXXXXX) || die "mktemp"
mkdir -p "$T/tmp/below" "$T/bin"
cp "$RR" "$T/bin/roadmap-run"
chmod -R a+rX "$T"; chown -R 65534:65534 "$T/tmp"
mount -t tmpfs -o size=1m tmpfs "$T/tmp/below" || { rm -rf "$T"; echo "skipped: cannot mount"; exit 0; }
trap 'umount "$T/tmp/below"; rm -rf "$T"; cleanup_attack' EXIT

new_pack
add_check ns '["sh", "-c", "echo ok"]'
cat >fx/pack.json <<JSON
{ "format": 1, "id": "attacks", "title": "Attacks", "stage": 0, "version": "1.0.0",
  "defaults": $DEFAULTS,
  "exercises": [ { "id": "a", "title": "Attack", "prompt": "a/prompt.md",
    "starter": "a/starter", "tests": "a/tests", "checks": [ $CHECKS ] } ] }
JSON
chmod -R a+rwX fx sub .
setpriv --reuid=65534 --regid=65534 --clear-groups env TMPDIR="$T/tmp" \
	"$T/bin/roadmap-run" fx sub --report out.json --quiet >rr.out 2>rr.err
[ -s out.json ] || { cat rr.err >&2; die "no report"; }
if has_namespace user; then
	has_namespace mount || flunk "the checks lost the mount namespace with a tmpfs below TMPDIR: $(cat rr.err)"
fi
# A lost layer is said on stderr: force one (an unusable cgroup is not
# a lost layer, so break the mount namespace's skeleton: a TMPDIR path
# too long for it) and expect one line.
LONG="$T/tmp/$(printf 'd%.0s' $(seq 1 240))"
mkdir -p "$LONG" && chown 65534:65534 "$LONG"
setpriv --reuid=65534 --regid=65534 --clear-groups env TMPDIR="$LONG" \
	"$T/bin/roadmap-run" fx sub --report out2.json --quiet >rr.out 2>rr2.err
if grep -q "mount namespace" rr2.err 2>/dev/null || ! grep -q '"mount"' out2.json 2>/dev/null; then
	[ "$(grep -c 'warning: checks run without' rr2.err)" = 1 ] ||
		flunk "a lost layer was not said exactly once on stderr: $(cat rr2.err)"
fi
exit 0
