"""Rule checks for main.tf.json. python3 tests/check_iac.py GROUP"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, missing  # noqa: E402

BUCKETS = {"uploads": "acme-uploads-prod", "logs": "acme-logs-prod"}
TAGS = {"Project": "thumbnailer", "Environment": "prod", "Owner": "media-team@acme.example"}
TOP_LEVEL = {"terraform", "provider", "resource", "variable", "output", "locals"}
PUBLIC_ACLS = {"public-read", "public-read-write", "authenticated-read"}
FLAGS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]
REF = re.compile(r"\$\{aws_s3_bucket\.([A-Za-z0-9_-]+)\.(id|bucket)\}")


def load():
    if not os.path.isfile("main.tf.json"):
        raise Fail(missing("main.tf.json"))
    try:
        with open("main.tf.json", encoding="utf-8") as f:
            doc = json.load(f)
    except json.JSONDecodeError as e:
        raise Fail(f"main.tf.json is not valid JSON: {e}")
    if not isinstance(doc, dict):
        raise Fail("the top level of main.tf.json must be an object")
    extra = set(doc) - TOP_LEVEL
    if extra:
        raise Fail(f"unknown top-level keys {sorted(extra)}; allowed: {sorted(TOP_LEVEL)}")
    res = doc.get("resource")
    if not isinstance(res, dict):
        raise Fail('"resource" must be an object: {"<type>": {"<name>": {arguments}}}')
    for rtype, named in res.items():
        if not isinstance(named, dict) or not all(isinstance(v, dict) for v in named.values()):
            raise Fail(f'resource type "{rtype}" must map resource names to objects of arguments')
    return res


def blocks(value):
    """A nested block is written as an object or as a list of objects."""
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        return value
    return []


def target(arg, buckets):
    """The bucket resource name a `bucket` argument refers to, or None."""
    if not isinstance(arg, str):
        return None
    m = REF.fullmatch(arg)
    if m:
        return m.group(1) if m.group(1) in buckets else None
    for name, body in buckets.items():
        if body.get("bucket") == arg:
            return name
    return None


def conditional(body):
    """Why a resource may never be created (count other than 1, for_each), or None."""
    if "for_each" in body:
        return "uses for_each"
    if "count" in body and body["count"] != 1:
        return f"has count {body['count']!r}"
    return None


def attached(res, rtype, name):
    """The resources of type rtype that configure bucket `name` and are certainly created."""
    buckets = res.get("aws_s3_bucket", {})
    found = [(n, body) for n, body in res.get(rtype, {}).items() if target(body.get("bucket"), buckets) == name]
    maybe = [f"{rtype}.{n} {conditional(body)}" for n, body in found if conditional(body)]
    sure = [(n, body) for n, body in found if not conditional(body)]
    if found and not sure:
        raise Fail("a resource that may never be created protects nothing; remove count/for_each:\n"
                   + "\n".join("- " + m for m in maybe))
    return sure


def check_structure(res):
    buckets = res.get("aws_s3_bucket", {})
    for name, bname in BUCKETS.items():
        if name not in buckets:
            raise Fail(f'expected an aws_s3_bucket named "{name}"; found {sorted(buckets)}')
        if buckets[name].get("bucket") != bname:
            raise Fail(f'aws_s3_bucket.{name} must keep "bucket": "{bname}", got {buckets[name].get("bucket")!r}')
        if conditional(buckets[name]):
            raise Fail(f"aws_s3_bucket.{name} {conditional(buckets[name])}: create each bucket exactly once "
                       "(no count or for_each), so that the references to it are plain")
    bad = []
    for rtype, named in res.items():
        for n, body in named.items():
            for m in REF.finditer(json.dumps(body)):
                if m.group(1) not in buckets:
                    bad.append(f"{rtype}.{n} refers to aws_s3_bucket.{m.group(1)}, which is not declared")
    if bad:
        raise Fail("undeclared references (terraform would refuse this file):\n" + "\n".join("- " + b for b in bad))


def check_tags(res, name):
    body = res.get("aws_s3_bucket", {}).get(name, {})
    tags = body.get("tags")
    if not isinstance(tags, dict):
        raise Fail(f"aws_s3_bucket.{name} has no tags object; expected tags {TAGS}")
    wrong = {k: tags.get(k) for k, v in TAGS.items() if tags.get(k) != v}
    if wrong:
        raise Fail(f"aws_s3_bucket.{name} tags: expected {TAGS}, but these differ: {wrong}")


def check_encryption(res, name):
    configs = attached(res, "aws_s3_bucket_server_side_encryption_configuration", name)
    if not configs:
        raise Fail(f"no aws_s3_bucket_server_side_encryption_configuration refers to aws_s3_bucket.{name} "
                   f'(its "bucket" should be "${{aws_s3_bucket.{name}.id}}")')
    for cname, body in configs:
        algos = [d.get("sse_algorithm")
                 for rule in blocks(body.get("rule"))
                 for d in blocks(rule.get("apply_server_side_encryption_by_default"))]
        if algos and all(a in ("AES256", "aws:kms") for a in algos):
            return
    raise Fail(f"the encryption configuration of aws_s3_bucket.{name} needs "
               'rule → apply_server_side_encryption_by_default → sse_algorithm "AES256" or "aws:kms"; '
               f"found {[b for _, b in configs]}")


def check_public_access(res, name):
    pabs = attached(res, "aws_s3_bucket_public_access_block", name)
    if not pabs:
        raise Fail(f"no aws_s3_bucket_public_access_block refers to aws_s3_bucket.{name}")
    problems = []
    for pname, body in pabs:
        missing = [f"{f}={body.get(f)!r}" for f in FLAGS if body.get(f) is not True]
        if not missing:
            return
        problems.append(f"aws_s3_bucket_public_access_block.{pname}: " + ", ".join(missing))
    raise Fail("all four flags must be the JSON boolean true (not the string \"true\"):\n" + "\n".join(problems))


def check_no_public_acl(res):
    bad = []
    for n, body in res.get("aws_s3_bucket_acl", {}).items():
        if body.get("acl") in PUBLIC_ACLS:
            bad.append(f'aws_s3_bucket_acl.{n} sets acl "{body.get("acl")}"')
    for n, body in res.get("aws_s3_bucket", {}).items():
        if body.get("acl") in PUBLIC_ACLS:
            bad.append(f'aws_s3_bucket.{n} sets acl "{body.get("acl")}"')
    if bad:
        raise Fail("public ACLs are not allowed:\n" + "\n".join("- " + b for b in bad))


def check_versioning(res, name):
    vers = attached(res, "aws_s3_bucket_versioning", name)
    for _, body in vers:
        if any(v.get("status") == "Enabled" for v in blocks(body.get("versioning_configuration"))):
            return
    raise Fail(f"aws_s3_bucket.{name} is a prod bucket and needs an aws_s3_bucket_versioning with "
               f'versioning_configuration status "Enabled"; found {[b for _, b in vers] or "none"}')


GROUPS = {
    "structure": [("the file is a valid configuration that keeps both buckets", check_structure, None)],
    "tags": [(f"aws_s3_bucket.{n} has the required tags", check_tags, n) for n in BUCKETS],
    "encryption": [(f"aws_s3_bucket.{n} is encrypted at rest", check_encryption, n) for n in BUCKETS],
    "public-access": [(f"aws_s3_bucket.{n} blocks all public access", check_public_access, n) for n in BUCKETS]
                     + [("no public ACL anywhere", check_no_public_acl, None)],
    "versioning": [(f"aws_s3_bucket.{n} has versioning enabled", check_versioning, n) for n in BUCKETS],
}


def main():
    group = GROUPS[sys.argv[1]]
    t = Tap([d for d, _, _ in group])
    try:
        res = load()
        if sys.argv[1] != "structure":
            check_structure(res)
    except Fail as e:
        t.fail_rest(str(e))
        t.finish()
    for _, fn, arg in group:
        t.case(lambda fn=fn, arg=arg: fn(res) if arg is None else fn(res, arg))
    t.finish()


main()
