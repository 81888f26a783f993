"""Checks for policy.json (least-privilege IAM-style policy).

python3 tests/check_policy.py structure|required|wildcards|actions|resources
"""
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, missing  # noqa: E402

ACCOUNT_ROLE = "arn:aws:iam::123456789012:role/admin"
UPLOADS = "arn:aws:s3:::acme-uploads"
THUMBS = "arn:aws:s3:::acme-thumbnails"

REQUIRED = [
    ("s3:ListBucket", UPLOADS),
    ("s3:GetObject", UPLOADS + "/incoming/cat.jpg"),
    ("s3:GetObject", UPLOADS + "/incoming/2024/05/dog.png"),
    ("s3:DeleteObject", UPLOADS + "/incoming/cat.jpg"),
    ("s3:PutObject", THUMBS + "/cat_128.jpg"),
    ("s3:PutObject", THUMBS + "/2024/05/dog_128.png"),
]

OTHER_ACTIONS = [
    ("s3:PutBucketPolicy", UPLOADS),
    ("s3:DeleteBucket", UPLOADS),
    ("s3:PutObjectAcl", THUMBS + "/cat_128.jpg"),
    ("s3:GetObjectAcl", UPLOADS + "/incoming/cat.jpg"),
    ("s3:ListAllMyBuckets", "arn:aws:s3:::*"),
    ("iam:PassRole", ACCOUNT_ROLE),
]

OTHER_RESOURCES = [
    ("s3:GetObject", UPLOADS + "/private/payroll.csv"),
    ("s3:DeleteObject", UPLOADS + "/archive/cat.jpg"),
    ("s3:GetObject", UPLOADS + "-backup/incoming/cat.jpg"),
    ("s3:PutObject", UPLOADS + "/incoming/evil.jpg"),
    ("s3:ListBucket", THUMBS),
    ("s3:GetObject", THUMBS + "/cat_128.jpg"),
    ("s3:DeleteObject", THUMBS + "/cat_128.jpg"),
    ("s3:PutObject", "arn:aws:s3:::acme-thumbnails-old/cat_128.jpg"),
]

STATEMENT_KEYS = {"Sid", "Effect", "Action", "Resource"}


def load_policy():
    if not os.path.isfile("policy.json"):
        raise Fail(missing("policy.json"))
    try:
        with open("policy.json", encoding="utf-8") as f:
            doc = json.load(f)
    except json.JSONDecodeError as e:
        raise Fail(f"policy.json is not valid JSON: {e}")
    problems = []
    if not isinstance(doc, dict):
        raise Fail(f"the top level of policy.json must be an object, got {type(doc).__name__}")
    extra = set(doc) - {"Version", "Statement"}
    if extra:
        problems.append(f"unknown top-level keys {sorted(extra)} (only Version and Statement are allowed)")
    if doc.get("Version") != "2012-10-17":
        problems.append(f'"Version" must be "2012-10-17", got {doc.get("Version")!r}')
    stmts = doc.get("Statement")
    if not isinstance(stmts, list) or not stmts:
        problems.append('"Statement" must be a non-empty list of statement objects')
        stmts = []
    for i, st in enumerate(stmts, 1):
        if not isinstance(st, dict):
            problems.append(f"statement #{i} is not an object")
            continue
        extra = set(st) - STATEMENT_KEYS
        if extra:
            problems.append(f"statement #{i} has keys {sorted(extra)}; only {sorted(STATEMENT_KEYS)} are allowed here")
        if st.get("Effect") not in ("Allow", "Deny"):
            problems.append(f'statement #{i}: "Effect" must be "Allow" or "Deny", got {st.get("Effect")!r}')
        for key in ("Action", "Resource"):
            v = st.get(key)
            if isinstance(v, str):
                v = [v]
            if not isinstance(v, list) or not v or not all(isinstance(x, str) and x for x in v):
                problems.append(f'statement #{i}: "{key}" must be a non-empty string or a non-empty list of strings, got {v!r}')
        if "Sid" in st and not isinstance(st["Sid"], str):
            problems.append(f'statement #{i}: "Sid" must be a string')
    if problems:
        raise Fail("policy.json does not follow the policy format:\n" + "\n".join("- " + p for p in problems))
    return doc


def as_list(v):
    return [v] if isinstance(v, str) else list(v)


def wildcard(pattern, value, ignore_case):
    rx = "".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in pattern)
    return re.fullmatch(rx, value, re.IGNORECASE | re.DOTALL if ignore_case else re.DOTALL) is not None


def matching(doc, effect, action, resource):
    for i, st in enumerate(doc["Statement"], 1):
        if st["Effect"] != effect:
            continue
        acts = [a for a in as_list(st["Action"]) if wildcard(a, action, True)]
        ress = [r for r in as_list(st["Resource"]) if wildcard(r, resource, False)]
        if acts and ress:
            name = f'#{i}' + (f' (Sid "{st["Sid"]}")' if "Sid" in st else "")
            return f"statement {name} via Action {acts[0]!r} and Resource {ress[0]!r}"
    return None


def allowed(doc, action, resource):
    return matching(doc, "Allow", action, resource) is not None and matching(doc, "Deny", action, resource) is None


def expect_allowed(doc, action, resource):
    if matching(doc, "Allow", action, resource) is None:
        raise Fail(f"expected {action} on {resource} to be ALLOWED, but no Allow statement matches it")
    deny = matching(doc, "Deny", action, resource)
    if deny:
        raise Fail(f"expected {action} on {resource} to be ALLOWED, but it is denied by {deny}")


def expect_denied(doc, action, resource):
    if allowed(doc, action, resource):
        raise Fail(f"expected {action} on {resource} to be DENIED (the thumbnailer does not need it), "
                   f"but it is allowed by {matching(doc, 'Allow', action, resource)}")


def check_wildcard_actions(doc):
    bad = [(i, a) for i, st in enumerate(doc["Statement"], 1) for a in as_list(st["Action"]) if "*" in a or "?" in a]
    if bad:
        raise Fail("actions must be listed explicitly, but these use a wildcard: "
                   + ", ".join(f"statement #{i}: {a!r}" for i, a in bad))


def check_resource_star(doc):
    bad = [(i, r) for i, st in enumerate(doc["Statement"], 1) for r in as_list(st["Resource"]) if r == "*"]
    if bad:
        raise Fail('"Resource": "*" grants the actions on every resource in the account; found in '
                   + ", ".join(f"statement #{i}" for i, _ in bad))


def check_bucket_names(doc):
    bad = []
    for i, st in enumerate(doc["Statement"], 1):
        if st["Effect"] != "Allow":
            continue
        for r in as_list(st["Resource"]):
            if r == "*":
                continue  # reported by the previous test point
            m = re.fullmatch(r"arn:aws:s3:::([^/]*)(/.*)?", r)
            if not m or m.group(1) not in ("acme-uploads", "acme-thumbnails"):
                bad.append(f"statement #{i}: {r!r}")
    if bad:
        raise Fail("every Allow resource must name one of the two buckets exactly "
                   "(arn:aws:s3:::acme-uploads or arn:aws:s3:::acme-thumbnails, optionally followed by /key-pattern); "
                   "a wildcard in the bucket name also matches other buckets:\n" + "\n".join("- " + b for b in bad))


def random_key(rng, depth=3):
    parts = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789-_") for _ in range(rng.randint(1, 8)))
             for _ in range(rng.randint(1, depth))]
    return "/".join(parts) + rng.choice([".jpg", ".png", ".gif", ""])


def random_required():
    """Requests the service makes for images it has never seen: new names every run."""
    rng = random.Random(int.from_bytes(os.urandom(8), "big"))
    out = []
    for _ in range(5):
        key = "incoming/" + random_key(rng)
        out += [("s3:GetObject", f"{UPLOADS}/{key}"), ("s3:DeleteObject", f"{UPLOADS}/{key}"),
                ("s3:PutObject", f"{THUMBS}/{random_key(rng)}")]
    return out


def random_other():
    """Requests the service never makes, with names made at check time (every kind, every run)."""
    rng = random.Random(int.from_bytes(os.urandom(8), "big"))
    out = []
    for prefix in ("private/", "archive/", "incoming-old/", "x/incoming/", "Incoming/", ""):
        key = random_key(rng)
        out += [("s3:GetObject", f"{UPLOADS}/{prefix}{key}"), ("s3:DeleteObject", f"{UPLOADS}/{prefix}{key}")]
    for action in ("s3:GetObject", "s3:DeleteObject", "s3:ListBucket"):
        out.append((action, f"{THUMBS}/{random_key(rng)}"))
    out.append(("s3:PutObject", f"{UPLOADS}/incoming/{random_key(rng)}"))
    for bucket in ("uploads", "thumbnails"):
        for suffix in ("-backup", "-old", "2", "x"):
            for action in ("s3:GetObject", "s3:PutObject", "s3:DeleteObject"):
                out.append((action, f"arn:aws:s3:::acme-{bucket}{suffix}/{random_key(rng)}"))
    return out


def main():
    which = sys.argv[1]
    if which == "structure":
        t = Tap(["policy.json is a policy document in the documented format"])
        t.case(load_policy)
        t.finish()
    if which == "required":
        cases = REQUIRED
        check = expect_allowed
        descs = [f"allows {a} on {r}" for a, r in cases] + ["allows the same for 15 random keys (new every run)"]
    elif which == "actions":
        cases = OTHER_ACTIONS
        check = expect_denied
        descs = [f"does not allow {a} on {r}" for a, r in cases]
    elif which == "resources":
        cases = OTHER_RESOURCES
        check = expect_denied
        descs = [f"does not allow {a} on {r}" for a, r in cases] + ["denies 40 random requests it does not need (new every run)"]
    elif which == "wildcards":
        t = Tap(["no wildcard in any Action", 'no "Resource": "*"', "bucket names are exact, not wildcards"])
        try:
            doc = load_policy()
        except Fail as e:
            t.fail_rest(str(e))
            t.finish()
        t.case(lambda: check_wildcard_actions(doc))
        t.case(lambda: check_resource_star(doc))
        t.case(lambda: check_bucket_names(doc))
        t.finish()
    else:
        sys.exit(f"unknown check {which}")
    t = Tap(descs)
    try:
        doc = load_policy()
    except Fail as e:
        t.fail_rest(str(e))
        t.finish()
    for action, resource in cases:
        t.case(lambda a=action, r=resource: check(doc, a, r))
    if which in ("required", "resources"):
        more = random_required() if which == "required" else random_other()
        t.case(lambda: [check(doc, a, r) for a, r in more])
    t.finish()


main()
