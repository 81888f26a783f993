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


"""Role-based authorisation with ownership: see prompt.md."""

ROLE_PERMISSIONS = {
    "viewer": {"post:read", "comment:read"},
    "author": {"post:create", "post:update:own", "post:delete:own",
               "comment:create", "comment:delete:own"},
    "moderator": {"comment:delete"},
    "editor": {"post:update", "post:delete"},
    "admin": {"*"},
}

ROLE_PARENTS = {
    "author": ["viewer"],
    "moderator": ["viewer"],
    "editor": ["author"],
    "admin": [],
}


def permissions_for(roles):
    perms = set()
    for role in roles:
        perms |= ROLE_PERMISSIONS.get(role, set())
    return perms


def is_allowed(user, action, resource):
    return f"{resource['type']}:{action}" in permissions_for(user["roles"])
