"""Role-based authorisation with ownership: see prompt.md.

Style: breadth-first walk of the role graph with a visited set (so cycles
terminate), then a set of candidate permission strings intersected with the
user's permissions.
"""
from __future__ import annotations

import sys
from collections import deque
from typing import Any, Iterable, Mapping, Optional, Set

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

WILDCARD = "*"


def _policy():
    """Look the tables up on the module at call time (they may be replaced)."""
    module = sys.modules[__name__]
    return getattr(module, "ROLE_PERMISSIONS", {}) or {}, getattr(module, "ROLE_PARENTS", {}) or {}


def _role_closure(roles: Iterable[Any], parents: Mapping[str, Iterable[str]]) -> Set[str]:
    seen: Set[str] = set()
    queue = deque(r for r in roles if isinstance(r, str))
    while queue:
        role = queue.popleft()
        if role in seen:
            continue
        seen.add(role)
        queue.extend(p for p in (parents.get(role) or ()) if isinstance(p, str) and p not in seen)
    return seen


def permissions_for(roles: Optional[Iterable[str]]) -> set:
    if roles is None or isinstance(roles, (str, bytes)):
        roles = [roles] if isinstance(roles, str) else []
    perms_table, parents = _policy()
    result: set = set()
    for role in _role_closure(roles, parents):
        result.update(perms_table.get(role) or ())
    return result


def _owns(user: Mapping[str, Any], resource: Mapping[str, Any]) -> bool:
    uid, owner = user.get("id"), resource.get("owner_id")
    return uid is not None and owner is not None and uid == owner


def is_allowed(user: Mapping[str, Any], action: str, resource: Mapping[str, Any]) -> bool:
    if not isinstance(user, Mapping) or not isinstance(resource, Mapping):
        return False
    if user.get("suspended"):
        return False
    perms = permissions_for(user.get("roles") or [])
    if WILDCARD in perms:
        return True
    rtype = resource.get("type")
    if not isinstance(rtype, str) or not isinstance(action, str):
        return False
    base = f"{rtype}:{action}"
    if base in perms:
        return True
    return f"{base}:own" in perms and _owns(user, resource)
