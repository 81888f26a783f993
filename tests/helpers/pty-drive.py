#!/usr/bin/python3
"""pty-drive.py - run a command on a pseudo-terminal and drive it like a user.

usage: pty-drive.py [--timeout S] [--log FILE] STEP... -- CMD [ARG...]

Steps, in order:
  expect:REGEX   wait until the output since the previous match matches
                 REGEX (Python re, DOTALL)
  line:TEXT      type TEXT and Enter
  send:TEXT      type TEXT as is
  intr           type Ctrl-C (the terminal sends SIGINT to the command)
  eof            type Ctrl-D
  sleep:SECONDS  pause
  run:COMMAND    run COMMAND with /bin/sh -c, as the user's other window
                 would (e.g. an editor saving a file); a failure fails

The command runs as a session leader with the pty as its controlling
terminal, so isatty() is true and Ctrl-C is a real SIGINT from the line
discipline. Afterwards the rest of the output is read until the command
exits. The whole transcript goes to --log (and to stderr on failure).
Exit status: the command's, 128+N when it died by signal N, 124 when an
expect or the exit timed out.
"""
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time


def main():
    args = sys.argv[1:]
    timeout, log = 10.0, None
    while args and args[0].startswith("--") and args[0] != "--":
        if args[0] == "--timeout":
            timeout = float(args[1])
            args = args[2:]
        elif args[0] == "--log":
            log = args[1]
            args = args[2:]
        else:
            sys.exit("pty-drive: unknown option " + args[0])
    if "--" not in args:
        sys.exit("pty-drive: missing -- CMD")
    cut = args.index("--")
    steps, cmd = args[:cut], args[cut + 1:]
    if not cmd:
        sys.exit("pty-drive: missing CMD")

    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "dumb"
        try:
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)

    out = bytearray()
    mark = 0  # where the next expect starts looking

    def pump(until):
        """Read output until the deadline; False on EOF."""
        while True:
            left = until - time.monotonic()
            if left <= 0:
                return True
            r, _, _ = select.select([fd], [], [], min(left, 0.05))
            if r:
                try:
                    data = os.read(fd, 4096)
                except OSError:  # EIO: the slave side is closed
                    return False
                if not data:
                    return False
                out.extend(data)
            else:
                return True

    def write_log():
        if log:
            with open(log, "wb") as f:
                f.write(bytes(out))

    def fail(msg):
        write_log()
        sys.stderr.write("pty-drive: %s\n--- transcript:\n%s\n---\n"
                         % (msg, bytes(out).decode("utf-8", "replace")))
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        sys.exit(124)

    for step in steps:
        kind, _, arg = step.partition(":")
        if kind == "expect":
            rx = re.compile(arg.encode(), re.S)
            deadline = time.monotonic() + timeout
            while True:
                m = rx.search(bytes(out), mark)
                if m:
                    mark = m.end()
                    break
                if time.monotonic() >= deadline:
                    fail("timed out waiting for /%s/" % arg)
                if not pump(min(deadline, time.monotonic() + 0.05)):
                    m = rx.search(bytes(out), mark)
                    if m:
                        mark = m.end()
                        break
                    fail("the command ended before /%s/" % arg)
        elif kind == "line":
            os.write(fd, arg.encode() + b"\r")
        elif kind == "send":
            os.write(fd, arg.encode())
        elif kind == "intr":
            os.write(fd, b"\x03")
        elif kind == "eof":
            os.write(fd, b"\x04")
        elif kind == "run":
            if subprocess.call(["/bin/sh", "-c", arg]) != 0:
                fail("the step failed: " + arg)
        elif kind == "sleep":
            pump(time.monotonic() + float(arg))
        else:
            fail("unknown step " + step)

    deadline = time.monotonic() + timeout
    while pump(min(deadline, time.monotonic() + 0.1)):
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            pump(time.monotonic() + 0.1)
            break
        if time.monotonic() >= deadline:
            fail("timed out waiting for the command to exit")
    else:
        _, status = os.waitpid(pid, 0)
    write_log()
    if os.WIFSIGNALED(status):
        sys.exit(128 + os.WTERMSIG(status))
    sys.exit(os.WEXITSTATUS(status))


if __name__ == "__main__":
    main()
