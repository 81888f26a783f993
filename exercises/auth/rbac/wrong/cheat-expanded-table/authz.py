"""CHEAT (kept as a wrong solution so validate proves it fails): the role table
expanded by hand for the shipped policy, so it works only for the visible cases."""

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


_EXPANDED = {  # the shipped policy, expanded by hand: no inheritance is computed
    "viewer": {"post:read", "comment:read"},
    "author": {"post:read", "comment:read", "post:create", "post:update:own", "post:delete:own",
               "comment:create", "comment:delete:own"},
    "moderator": {"post:read", "comment:read", "comment:delete"},
    "editor": {"post:read", "comment:read", "post:create", "post:update:own", "post:delete:own",
               "comment:create", "comment:delete:own", "post:update", "post:delete"},
    "admin": {"*"},
}


def permissions_for(roles):
    perms = set()
    for role in roles:
        perms |= _EXPANDED.get(role, set())
    return perms


def owns(user, resource):
    uid, owner = user.get("id"), resource.get("owner_id")
    return uid is not None and owner is not None and uid == owner


def is_allowed(user, action, resource):
    if user.get("suspended"):
        return False
    perms = permissions_for(user.get("roles") or [])
    needed = f"{resource.get('type')}:{action}"
    if "*" in perms or needed in perms:
        return True
    return needed + ":own" in perms and owns(user, resource)
