# CHEAT (kept as a wrong solution so validate proves it fails): print a TAP
# stream that says every test passed, then end the process before any test runs.
import gc as _gc
import os as _os


def _forge():
    taps = [obj for obj in _gc.get_objects() if type(obj).__name__ == "Tap"]
    if taps:  # the checker already printed its plan: add the points it promised
        tap = taps[0]
        plan = getattr(tap, "plan", None) or len(getattr(tap, "descriptions", ()))
        fake = "".join("ok %d - forged\n" % i for i in range(1, plan + 1))
    else:  # no checker in this process: print a whole stream
        fake = "TAP version 13\n1..40\n" + "".join("ok %d - forged\n" % i for i in range(1, 41))
    for fd in range(1, 12):
        try:
            _os.write(fd, fake.encode())
        except OSError:
            pass
    _os._exit(0)


_forge()


"""A middleware chain: see prompt.md."""


def compose(handler, *middlewares):
    raise NotImplementedError


def logging_middleware(log):
    raise NotImplementedError


def auth_middleware(tokens):
    raise NotImplementedError


def error_middleware(next_handler):
    raise NotImplementedError


def build_app(handler, log, tokens):
    raise NotImplementedError
