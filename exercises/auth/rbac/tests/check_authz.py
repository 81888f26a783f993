"""Checks for authz.py. usage: check_authz.py permissions|ownership|deny"""
import copy
import os
import random
import sys

from taplib import Tap, child, describe


def perms_case(mod, roles, want):
    def run():
        got = mod.permissions_for(roles)
        if type(got) not in (set, frozenset, list, tuple):
            return f"permissions_for({roles!r}) must return a set, got {describe(got)}"
        if set(got) != want:
            missing, extra = sorted(want - set(got)), sorted(set(got) - want)
            return f"permissions_for({roles!r}): missing {missing}, unexpected {extra}"
    return run


def allowed(mod, user, action, resource, want):
    def run():
        got = mod.is_allowed(copy.deepcopy(user), action, copy.deepcopy(resource))
        if got is not want:
            return f"is_allowed({user!r}, {action!r}, {resource!r})\nexpected {want}, got {describe(got)}"
    return run


VIEWER = {"post:read", "comment:read"}
AUTHOR = VIEWER | {"post:create", "post:update:own", "post:delete:own", "comment:create", "comment:delete:own"}


def permissions(tap, mod):
    tap.test("viewer has its own permissions", perms_case(mod, ["viewer"], VIEWER))
    tap.test("author inherits viewer", perms_case(mod, ["author"], AUTHOR))
    tap.test("editor inherits author and, through it, viewer",
              perms_case(mod, ["editor"], AUTHOR | {"post:update", "post:delete"}))
    tap.test("several roles give the union",
              perms_case(mod, ["moderator", "author"], AUTHOR | {"comment:delete"}))
    tap.test("unknown roles are ignored", perms_case(mod, ["ghost", "viewer"], VIEWER))
    tap.test("no roles, no permissions", perms_case(mod, [], set()))
    tap.test("a random policy with random users and resources (new every run)", random_policy(tap, mod))


def ownership(tap, mod):
    ada = {"id": 1, "roles": ["author"]}
    post1, post2 = {"type": "post", "owner_id": 1}, {"type": "post", "owner_id": 2}
    tap.test("an author may update her own post", allowed(mod, ada, "update", post1, True))
    tap.test("an author may not update someone else's post", allowed(mod, ada, "update", post2, False))
    tap.test("an author may delete her own post", allowed(mod, ada, "delete", post1, True))
    tap.test("an author may not delete someone else's post", allowed(mod, ada, "delete", post2, False))
    tap.test("an author may read any post (inherited from viewer)", allowed(mod, ada, "read", post2, True))
    ed = {"id": 3, "roles": ["editor"]}
    tap.test("an editor may update anyone's post", allowed(mod, ed, "update", post2, True))
    tap.test("an editor may delete her own comment (inherited :own)",
              allowed(mod, ed, "delete", {"type": "comment", "owner_id": 3}, True))
    tap.test("an editor may not delete someone else's comment",
              allowed(mod, ed, "delete", {"type": "comment", "owner_id": 9}, False))
    tap.test("a moderator may delete any comment",
              allowed(mod, {"id": 4, "roles": ["moderator"]}, "delete", {"type": "comment", "owner_id": 9}, True))
    tap.test("a viewer may not update even a post it owns",
              allowed(mod, {"id": 5, "roles": ["viewer"]}, "update", {"type": "post", "owner_id": 5}, False))


def deny(tap, mod):
    anon = {"id": None, "roles": ["author"]}
    tap.test("an anonymous user (id None) does not own an ownerless post",
              allowed(mod, anon, "update", {"type": "post", "owner_id": None}, False))
    tap.test("a post without owner_id is owned by nobody",
              allowed(mod, {"id": 1, "roles": ["author"]}, "delete", {"type": "post"}, False))
    tap.test("owner_id '1' (a string) is not id 1",
              allowed(mod, {"id": 1, "roles": ["author"]}, "update", {"type": "post", "owner_id": "1"}, False))
    tap.test("an unknown action is denied",
              allowed(mod, {"id": 1, "roles": ["editor"]}, "publish", {"type": "post", "owner_id": 1}, False))
    tap.test("an unknown resource type is denied",
              allowed(mod, {"id": 1, "roles": ["editor"]}, "read", {"type": "invoice", "owner_id": 1}, False))
    tap.test("a user without a roles key gets nothing", allowed(mod, {"id": 1}, "read", {"type": "post"}, False))
    tap.test("role names are case-sensitive: 'Admin' is nobody",
              allowed(mod, {"id": 1, "roles": ["Admin"]}, "read", {"type": "post"}, False))
    tap.test("admin may do anything", allowed(mod, {"id": 1, "roles": ["admin"]}, "purge", {"type": "invoice"}, True))
    tap.test("a suspended admin may do nothing",
              allowed(mod, {"id": 1, "roles": ["admin"], "suspended": True}, "read", {"type": "post"}, False))

    def cycle():
        (result,) = child().helper("with_policy", {"a": {"x:read"}, "b": {"y:read"}, "c": {"z:read"}},
                                   {"a": ["b"], "b": ["c", "a"], "c": ["a"]}, [("perms", ["a"])])
        if result[0] == "raised":
            return f"with ROLE_PARENTS a->b->c->a, permissions_for(['a']) raised {result[1]}: {result[2]}"
        got = result[1]
        if type(got) not in (set, frozenset, list, tuple) or set(got) != {"x:read", "y:read", "z:read"}:
            return f"with ROLE_PARENTS a->b->c->a, permissions_for(['a']) should be {{'x:read', 'y:read', 'z:read'}}, got {describe(got)}"
    tap.test("permissions_for terminates on a cycle and still collects everything", cycle)


def reference_perms(permissions, parents, roles):
    perms, seen, todo = set(), set(), list(roles)
    while todo:
        role = todo.pop()
        if role in seen:
            continue
        seen.add(role)
        perms |= permissions.get(role, set())
        todo.extend(parents.get(role, []))
    return perms


def reference_allowed(permissions, parents, user, action, resource):
    if user.get("suspended"):
        return False
    perms = reference_perms(permissions, parents, user.get("roles") or [])
    needed = f"{resource.get('type')}:{action}"
    if "*" in perms or needed in perms:
        return True
    uid, owner = user.get("id"), resource.get("owner_id")
    return needed + ":own" in perms and uid is not None and owner is not None and uid == owner


def random_policy(tap, mod):
    """A policy, users and resources made at check time: the answers cannot be hard-coded."""
    def run():
        rng = random.Random(int.from_bytes(os.urandom(8), "big"))
        types, actions = ["post", "doc", "photo"], ["read", "update", "delete", "share"]
        roles = [f"role{i}" for i in range(7)]
        permissions = {}
        for r in roles:
            perms = {f"{rng.choice(types)}:{rng.choice(actions)}" + rng.choice(["", "", ":own"])
                     for _ in range(rng.randint(0, 3))}
            if rng.random() < 0.05:
                perms.add("*")
            permissions[r] = perms
        parents = {r: rng.sample(roles, rng.randint(0, 2)) for r in roles}
        calls = []
        for _ in range(60):
            chosen = rng.sample(roles + ["ghost", "Role1"], rng.randint(0, 3))
            if rng.random() < 0.3:
                calls.append(("perms", chosen))
                continue
            user = {"id": rng.choice([None, 1, 2, 3])}
            if rng.random() < 0.9:
                user["roles"] = chosen
            if rng.random() < 0.1:
                user["suspended"] = True
            resource = {"type": rng.choice(types + ["invoice"])}
            if rng.random() < 0.85:
                resource["owner_id"] = rng.choice([None, 1, 2, 3, "1"])
            calls.append(("allowed", user, rng.choice(actions + ["publish"]), resource))
        results = child().helper("with_policy", permissions, parents, copy.deepcopy(calls))
        shown = f"with ROLE_PERMISSIONS = {permissions!r}\nand ROLE_PARENTS = {parents!r}:\n"
        for call, result in zip(calls, results):
            if call[0] == "perms":
                text = f"permissions_for({call[1]!r})"
                want = reference_perms(permissions, parents, call[1])
            else:
                text = f"is_allowed({call[1]!r}, {call[2]!r}, {call[3]!r})"
                want = reference_allowed(permissions, parents, *call[1:])
            if result[0] == "raised":
                return f"{shown}{text} raised {result[1]}: {result[2]}"
            got = result[1]
            if call[0] == "perms":
                if type(got) not in (set, frozenset, list, tuple) or set(got) != want:
                    return f"{shown}{text} returned {describe(got)}; expected {sorted(want)!r}"
            elif got is not want:
                return f"{shown}{text} returned {describe(got)}; expected {want}"
    return run


GROUPS = {"permissions": (7, permissions), "ownership": (10, ownership), "deny": (10, deny)}

if __name__ == "__main__":
    plan, fn = GROUPS[sys.argv[1]]
    tap = Tap(plan)
    mod = tap.load("authz", helpers="_inside.py")
    try:
        fn(tap, mod)
    except Exception as exc:
        tap.fail_rest(f"{type(exc).__name__}: {exc}")
    tap.finish()
