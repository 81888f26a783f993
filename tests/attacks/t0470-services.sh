# Services inside a check (checklib/services.py): a server the check
# starts cannot reach the host (its 127.0.0.1, its Unix sockets, the
# host's nginx and PostgreSQL sockets, its files, the runner's
# environment), cannot outlive the check (double fork, setsid, ignoring
# SIGTERM), and cannot go past its share of the limits or the check's own.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

start_listener tcp - tcp
TCP_PORT=$LISTEN_PORT
start_listener unix "$PWD/host.sock" unix
echo "host secret" >host-secret.txt

new_pack
cp "$ROOT/checklib/services.py" "$ROOT/tests/attacks/svc_probe.py" fx/a/tests/
RUNNER_PID_FILE=sub/a/runner.pid
add_check reach "[\"sh\", \"-c\", \"exec python3 tests/svc_probe.py reach $TCP_PORT $PWD/host.sock $PWD/host-secret.txt \$(cat runner.pid)\"]" '"network": "loopback", "timeout": 3'
add_check daemon "[\"python3\", \"tests/svc_probe.py\", \"daemon\", \"$MARK-svcdaemon\"]" '"timeout": 3'
add_check memory-share '["python3", "tests/svc_probe.py", "memory", "128"]' '"timeout": 3'
add_check memory-check '["python3", "tests/svc_probe.py", "memory", "nolimit", "400"]' '"timeout": 3, "memory_mb": 128'
add_check procs-share '["python3", "tests/svc_probe.py", "procs", "40"]' '"timeout": 3'
add_check procs-check '["python3", "tests/svc_probe.py", "procs", "nolimit", "40"]' '"timeout": 3, "processes": 12'
add_check cpu '["python3", "tests/svc_probe.py", "spin"]' '"timeout": 1'
# real nginx, told to daemonise (its master forks away and calls setsid)
if [ -x /usr/sbin/nginx ]; then
	add_check nginx-daemon "[\"sh\", \"-c\", \"mkdir -p /tmp/n && echo 'pid /tmp/n/nginx.pid; error_log /tmp/n/error.log; events {} http { access_log off; client_body_temp_path /tmp/n/b; proxy_temp_path /tmp/n/p; fastcgi_temp_path /tmp/n/f; uwsgi_temp_path /tmp/n/u; scgi_temp_path /tmp/n/s; server { listen 8080; } }' >/tmp/n/nginx.conf && /usr/sbin/nginx -e /tmp/n/error.log -p /tmp/n -c /tmp/n/nginx.conf -g 'daemon on; # $MARK-nginx' && python3 -c 'import socket; socket.create_connection((\\\"127.0.0.1\\\", 8080)); print(\\\"nginx answers\\\")'\"]" '"network": "loopback", "timeout": 3'
fi
run_pack
sleep 0.3

if [ -x /usr/sbin/nginx ]; then
	expect_check nginx-daemon pass
	expect_output nginx-daemon "nginx answers"
	expect_no_survivor "$MARK-nginx"
fi

# reach: nothing of the host answers the service
expect_check reach pass
expect_output reach "service ready"
expect_output reach "BLOCKED tcp"
expect_output reach "BLOCKED unix"
expect_output reach "BLOCKED pg"
expect_output reach "BLOCKED nginx"
expect_output reach "BLOCKED read $PWD/host-secret.txt"
expect_no_output reach "ESCAPED|READ .* True"
expect_unheard tcp
expect_unheard unix
# daemon: the double-forked, SIGTERM-proof grandchild dies with the check
expect_check daemon pass
expect_no_survivor "$MARK-svcdaemon"
# memory: the service's share (64 MiB of address space) stops it...
expect_check memory-share pass
expect_output memory-share "MemoryError"
expect_no_output memory-share "ALLOCATED"
# ...and without a share the check's 128 MiB still bound it
expect_no_output memory-check "ALLOCATED 400"
case $(field memory-check status) in pass|fail|memory) ;; *) flunk "memory-check: status $(field memory-check status)";; esac
# processes: the share refuses the 6th fork, the check's limit the 12th
expect_check procs-share pass
expect_output procs-share "fork refused after [0-5]:"
expect_output procs-check "fork refused after ([0-9]|1[0-2]):"
# cpu: a spinning service spends the check's CPU time, which ends it
expect_check cpu timeout
expect_no_survivor "$MARK"
