"""Runs inside the learner's process (see isolate.py), loaded before authz.py.

The prompt says the checks change ROLE_PERMISSIONS and ROLE_PARENTS: that
happens here, in the learner's module, around a batch of calls. The checker
chooses the policy and the calls, and judges the answers itself.
"""
MODULE = []


def after_import(module):
    MODULE[:] = [module]


def with_policy(permissions, parents, calls):
    """Install the policy, run calls (("perms", roles) or ("allowed", user, action, resource)), restore."""
    mod = MODULE[0]
    saved = (mod.ROLE_PERMISSIONS, mod.ROLE_PARENTS)
    mod.ROLE_PERMISSIONS, mod.ROLE_PARENTS = permissions, parents
    out = []
    try:
        for call in calls:
            try:
                if call[0] == "perms":
                    out.append(("ok", mod.permissions_for(call[1])))
                else:
                    out.append(("ok", mod.is_allowed(call[1], call[2], call[3])))
            except Exception as exc:  # noqa: BLE001 - reported to the checker
                out.append(("raised", type(exc).__name__, str(exc)[:200]))
    finally:
        mod.ROLE_PERMISSIONS, mod.ROLE_PARENTS = saved
    return out
