"""Role-based authorisation with role inheritance and resource ownership."""

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
    """Every permission of `roles` and of all their ancestors."""
    perms, seen, todo = set(), set(), list(roles)
    while todo:
        role = todo.pop()
        if role in seen:  # also stops cycles
            continue
        seen.add(role)
        perms |= ROLE_PERMISSIONS.get(role, set())
        todo.extend(ROLE_PARENTS.get(role, []))
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
