# Network attacks (codex, go-judge, DMOJ): TCP and UDP to a listener on the
# host's 127.0.0.1, netlink and packet sockets, python's socket module,
# bash's /dev/tcp. Nothing reaches the host; the report names the refused
# socket() call. A "network": "loopback" check can talk to itself but still
# not to the host.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

start_listener tcp - tcp
TCP_PORT=$LISTEN_PORT
start_listener udp - udp
UDP_PORT=$LISTEN_PORT

# the probes work: from the host, both listeners are reachable
"$HELPERS/attack" tcp 127.0.0.1 "$TCP_PORT" >/dev/null
"$HELPERS/attack" udp 127.0.0.1 "$UDP_PORT" >/dev/null
sleep 0.3
expect_heard tcp
expect_heard udp
rm -f tcp.heard udp.heard

new_pack
add_check tcp "[\"./attack\", \"tcp\", \"127.0.0.1\", \"$TCP_PORT\"]"
add_check udp "[\"./attack\", \"udp\", \"127.0.0.1\", \"$UDP_PORT\"]"
add_check netlink '["./attack", "netlink"]'
add_check packet '["./attack", "packet"]'
add_check python "[\"python3\", \"-c\", \"import socket\\nsocket.create_connection(('127.0.0.1', $TCP_PORT), timeout=2).sendall(b'ESCAPED')\"]"
add_check python-udp "[\"python3\", \"-c\", \"import socket\\nsocket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'ESCAPED', ('127.0.0.1', $UDP_PORT))\"]"
if command -v bash >/dev/null; then
	add_check bash-dev-tcp "[\"bash\", \"-c\", \"echo ESCAPED >/dev/tcp/127.0.0.1/$TCP_PORT\"]"
fi
# loopback: a private network with lo only: its own server works...
add_check loopback-self '["python3", "-c", "import socket\ns = socket.socket(); s.bind((\"127.0.0.1\", 0)); s.listen(1)\nc = socket.create_connection(s.getsockname()); a, _ = s.accept(); c.sendall(b\"hi\"); assert a.recv(2) == b\"hi\"; print(\"loopback works\")"]' '"network": "loopback"'
# ...but the host's 127.0.0.1 is another machine
add_check loopback-host "[\"./attack\", \"tcp\", \"127.0.0.1\", \"$TCP_PORT\"]" '"network": "loopback"'
add_check loopback-netlink '["./attack", "packet"]' '"network": "loopback"'
run_pack
sleep 0.3

expect_check tcp pass
expect_output tcp "BLOCKED socket"
expect_denial tcp "^socket\\(AF_INET\\): checks have no network access"
expect_check udp pass
expect_denial udp "^socket\\(AF_INET\\)"
expect_check netlink pass
expect_denial netlink "^socket\\(AF_NETLINK\\)"
expect_check packet pass
expect_denial packet "^socket\\(AF_PACKET\\)"
expect_check python fail
expect_message python "the sandbox refused socket\\(AF_INET\\): checks have no network access"
expect_check python-udp fail
if command -v bash >/dev/null; then
	expect_check bash-dev-tcp fail
	expect_denial bash-dev-tcp "^socket\\(AF_INET\\)"
fi
if json_get out.json "r['sandbox']['namespaces']" | grep -q net; then
	expect_check loopback-self pass
	expect_output loopback-self "loopback works"
	expect_check loopback-host pass
	expect_output loopback-host "BLOCKED connect"
	expect_check loopback-netlink pass
else
	# no network namespace: never the host network, an error instead
	for id in loopback-self loopback-host loopback-netlink; do
		expect_check $id error
		expect_message $id "network namespace"
	done
fi
expect_unheard tcp
expect_unheard udp
