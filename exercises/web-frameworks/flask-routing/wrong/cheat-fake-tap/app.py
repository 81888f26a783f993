"""CHEAT (kept as a wrong solution so validate proves it fails): the app runs
as a child of the checker, so it prints a passing TAP stream on its own
stdout and, through /proc, on the checker's; then stops the checker."""
import os
import signal

from flask import Flask

app = Flask(__name__)

FAKE = "TAP version 13\n1..5\n" + "".join(f"ok {i} - faked\n" for i in range(1, 6))
print(FAKE, flush=True)
try:
    with open(f"/proc/{os.getppid()}/fd/1", "w") as out:
        out.write(FAKE)
    os.kill(os.getppid(), signal.SIGTERM)
except OSError:
    pass
