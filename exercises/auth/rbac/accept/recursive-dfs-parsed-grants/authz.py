"""Role-based authorisation with ownership: see prompt.md.

Style: a recursive depth-first walk of the role hierarchy that carries the
set of roles already visited (so a cycle stops the recursion), and
permissions parsed into (type, action, scope) grants that are matched
against the request.
"""

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


def _visit(role, visited):
    """Add `role` and all its ancestors to `visited` (depth-first)."""
    if role in visited or not isinstance(role, str):
        return
    visited.add(role)
    for parent in ROLE_PARENTS.get(role, ()) or ():   # global looked up at call time
        _visit(parent, visited)


def permissions_for(roles):
    visited = set()
    for role in roles or ():
        _visit(role, visited)
    perms = set()
    for role in visited:
        perms |= set(ROLE_PERMISSIONS.get(role, ()) or ())
    return perms


def _grants(perms):
    """Parse permission strings into (type, action, scope) tuples; '*' is ('*', '*', 'any')."""
    for perm in perms:
        if perm == "*":
            yield ("*", "*", "any")
            continue
        parts = perm.split(":") if isinstance(perm, str) else []
        if len(parts) == 2:
            yield (parts[0], parts[1], "any")
        elif len(parts) == 3 and parts[2] == "own":
            yield (parts[0], parts[1], "own")


def is_allowed(user, action, resource):
    if not isinstance(user, dict) or not isinstance(resource, dict):
        return False
    if user.get("suspended", False):
        return False
    rtype = resource.get("type")
    uid, owner = user.get("id"), resource.get("owner_id")
    owns = uid is not None and owner is not None and uid == owner
    for gtype, gaction, scope in _grants(permissions_for(user.get("roles"))):
        if gtype == "*":
            return True
        if gtype == rtype and gaction == action and (scope == "any" or owns):
            return True
    return False
