# Escaping the kill (isolate, DMOJ, go-judge): a setsid child, a
# double-forked daemon and stopped orphans, all ignoring SIGTERM/SIGHUP and
# re-executed with a marker in argv, must not outlive the check, whatever
# the check's own status.
. "$LIB"
. "$ROOT/tests/attacks/attack-lib.sh"

new_pack
add_check setsid "[\"./attack\", \"setsid-survivor\", \"$MARK-setsid\"]"
add_check double-fork "[\"./attack\", \"double-fork\", \"$MARK-daemon\"]"
add_check stopped "[\"./attack\", \"stopped-orphan\", \"$MARK-stopped\"]"
add_check sh-nohup "[\"sh\", \"-c\", \"nohup ./attack linger $MARK-nohup >/dev/null 2>&1 & setsid ./attack linger $MARK-setsid2 & exit 0\"]"
run_pack

expect_check setsid pass
expect_output setsid "left a setsid child behind"
expect_check double-fork pass
expect_check stopped pass
expect_check sh-nohup pass
expect_no_survivor "$MARK-setsid"
expect_no_survivor "$MARK-daemon"
expect_no_survivor "$MARK-stopped"
expect_no_survivor "$MARK-nohup"
expect_no_survivor "$MARK-setsid2"
expect_no_survivor "$MARK"
