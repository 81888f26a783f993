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
