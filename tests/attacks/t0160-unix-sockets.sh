# Host Unix sockets (codex; think /run/docker.sock): a listener on a socket
# file with mode 0777 in the host's scratch directory, and one in the
# host's abstract namespace. The check gets both addresses and reaches
# neither; the same probe from the host does.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

mkdir -m 0777 sockdir
start_listener unix "$PWD/sockdir/host.sock" unix
start_listener abstract "rr-attack-abstract-$MARK" abs
"$HELPERS/attack" unix "$PWD/sockdir/host.sock" >/dev/null
"$HELPERS/attack" abstract "rr-attack-abstract-$MARK" >/dev/null
sleep 0.3
expect_heard unix
expect_heard abs
rm -f unix.heard abs.heard

new_pack
add_check unix "[\"./attack\", \"unix\", \"$PWD/sockdir/host.sock\"]"
add_check abstract "[\"./attack\", \"abstract\", \"rr-attack-abstract-$MARK\"]"
add_check docker '["./attack", "unix", "/run/docker.sock"]'
run_pack
sleep 0.3

expect_check unix pass
expect_output unix "BLOCKED connect to a host unix socket"
expect_check abstract pass
expect_output abstract "BLOCKED connect to a host abstract socket"
expect_check docker pass
expect_unheard unix
expect_unheard abs
