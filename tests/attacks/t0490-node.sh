# The attack families again in JavaScript, run by node (issue 17): network
# (net, dgram, the tcp_wrap binding), fs writes outside the work directory
# (fs and process.binding('fs')), child processes (detached, spawn_sync
# through process.binding), a fork bomb of node processes, a worker-thread
# bomb, forged TAP on stdout and through /proc, terminal controls, and the
# runner's secrets. Each is blocked, or contained by the limits; nothing
# outlives its check. Node itself runs under every layer: once per layer
# turned off, a plain node check still passes.
. "$LIB"
[ "${RR_ATTACKS_SERVICE:-}" = 1 ] && { echo "skipped: turns sandbox layers off, where no service can start (t9996)"; exit 0; }
. "$ROOT/tests/attacks/attack-lib.sh"

command -v node >/dev/null || die "node is not installed (scripts/install-deps installs nodejs)"
start_listener tcp - tcp
TCP_PORT=$LISTEN_PORT
start_listener udp - udp
UDP_PORT=$LISTEN_PORT
mkdir -m 0777 open
HOSTDIR=$PWD
home=${HOME:-/root}

new_pack
cp "$ROOT/tests/attacks/node-attack.js" sub/a/
: >sub/a/learner.txt
chmod 0666 sub/a/learner.txt
# V8 reserves its code range up front: under RLIMIT_AS (no cgroup), node
# needs an address space of about 720 MiB to start (docs/sandbox.md).
set_defaults '{ "timeout": 2, "memory_mb": 1024, "processes": 64, "output_kb": 64 }'
n() { printf '["node", "node-attack.js"'; for a in "$@"; do printf ', "%s"' "$a"; done; printf ']'; }
add_check tcp "$(n tcp "$TCP_PORT")"
add_check udp "$(n udp "$UDP_PORT")"
add_check binding-tcp "$(n binding-tcp)"
outside="$HOSTDIR/open/escape-$MARK /var/tmp/escape-$MARK /etc/escape-$MARK $home/escape-$MARK $HOSTDIR/sub/a/escape-$MARK $HOSTDIR/sub/a/learner.txt tests/node-escape"
add_check write "$(n write $outside)"
add_check binding-write "$(n binding-write $outside)"
add_check spawn-sync "$(n spawn-sync "$MARK")"
add_check children "$(n children "$MARK")"
add_check fork-bomb "$(n fork-bomb)" '"timeout": 1'
add_check workers "$(n workers)" '"timeout": 1'
add_check tap-then-crash "$(n tap-then-crash)" '"kind": "tap"'
add_check tap-then-exit-1 "$(n tap-then-exit-1)" '"kind": "tap"'
add_check tap-then-hang "$(n tap-then-hang)" '"kind": "tap", "timeout": 0.5'
add_check tap-via-proc "$(n tap-via-proc)" '"kind": "tap"'
add_check tap-todo "$(n tap-todo)" '"kind": "tap"'
add_check controls "$(n controls)" '"kind": "tap"'
add_check secrets "$(n secrets)"
add_check works '["node", "-e", "console.log(`node ${process.version} works`)"]'
run_pack
sleep 0.3

expect_unheard tcp
expect_unheard udp
expect_check tcp pass
expect_output tcp "BLOCKED tcp"
expect_no_output tcp ESCAPED
expect_denial tcp "^socket\\(AF_INET\\)"
expect_check udp pass
expect_output udp "BLOCKED udp"
expect_check binding-tcp pass
expect_output binding-tcp "BLOCKED process.binding tcp_wrap"
for c in write binding-write; do
	expect_check $c pass
	expect_no_output $c ESCAPED
done
for f in $outside; do
	case $f in /*) [ -e "$f" ] && [ "$f" != "$HOSTDIR/sub/a/learner.txt" ] && flunk "node wrote $f" ;; esac
done
[ -s sub/a/learner.txt ] && flunk "node wrote the learner's submission"
[ -e /etc/escape-$MARK ] && flunk "spawn_sync or a child wrote /etc"
expect_check spawn-sync pass
expect_no_output spawn-sync ESCAPED
expect_check children pass
expect_output children "children started"
expect_no_output children ESCAPED
# the bombs end with their check, at a limit, and take nothing with them
for c in fork-bomb workers; do
	st=$(field $c status)
	case $st in timeout|memory|processes|fail|crash) ;; *) show_check $c; flunk "check $c: expected a limit, got '$st'" ;; esac
done
expect_check tap-then-crash crash
expect_check tap-then-exit-1 fail
expect_check tap-then-hang timeout
expect_check tap-via-proc fail
expect_check tap-todo fail
expect_check controls fail
grep -q "$(printf '\033')]0;pwned" rr.out rr.err && flunk "a terminal control reached the runner's output"
expect_check secrets pass
expect_output secrets "env none"
expect_output secrets "BLOCKED read /etc/shadow"
expect_check works pass
expect_output works "node v[0-9]+.* works"
expect_no_survivor "$MARK"
expect_no_survivor "node-attack.js"

# Node under every layer: with each one turned off in turn, node still starts
# and runs inside the others (a layer node cannot live with would show here).
new_pack
set_defaults '{ "timeout": 2, "memory_mb": 1024, "processes": 64, "output_kb": 64 }'
add_check works '["node", "-e", "require(`node:fs`).writeFileSync(`x`, `1`); console.log(`ok ${require(`node:fs`).readFileSync(`x`)}`)"]'
for off in none userns pidns netns mountns landlock cgroup notify seccomp initexec; do
	[ "${RR_ATTACKS_FALLBACK:-}" = 1 ] && [ $off != none ] && continue
	if [ $off = none ]; then
		run_pack
	else
		ROADMAP_RUN_SANDBOX_DISABLE=$off run_pack
	fi
	[ "$(field works status)" = pass ] || { show_check works; flunk "node does not run with '$off' turned off"; }
	expect_output works "ok 1"
done
