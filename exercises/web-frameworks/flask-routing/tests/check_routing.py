"""Checks for the Flask routing exercise, over HTTP. usage: check_routing.py converters|methods

Every id, path and list is drawn at check time, so an app that answers the
prompt's examples (or any fixed set of paths) cannot pass.
"""
import os
import random
import string
import sys

from taplib import Tap
from webcheck import App, expect_json

rng = random.SystemRandom()

POINTS = {
    "converters": [
        "GET /users/<int> answers its id as a JSON number",
        "<int:> refuses letters and negative numbers with 404",
        "GET /files/<path> keeps every segment of the path",
        "GET /sum/<intlist> gives the list of integers and its sum",
        "malformed intlist paths are 404",
    ],
    "methods": [
        "DELETE /users/<id> answers 204 with an empty body",
        "POST /users/<id> answers 405 with an Allow header naming GET and DELETE",
        "GET /links/<id> builds its URLs with url_for, the intlist converter's to_url included",
        "GET /docs/ answers; GET /docs is redirected to it with 308",
    ],
}


def word(n=None):
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(n or rng.randint(3, 8)))


def converters(tap, app):
    def users():
        for uid in (rng.randint(1, 9), rng.randint(100, 999_999)):
            r = app.get(f"/users/{uid}")
            expect_json(r, 200, {"id": uid})

    def int_rejects():
        for path in (f"/users/{word()}", f"/users/-{rng.randint(1, 999)}"):
            r = app.get(path)
            if r.status != 404:
                return f"GET {path}: expected 404 (<int:> matches digits only), got {r.status}; body {r.text()}"

    def files():
        segs = [word() for _ in range(rng.randint(3, 5))]
        segs[-1] += rng.choice([".txt", ".md", ".tar.gz"])
        path = "/".join(segs)
        expect_json(app.get(f"/files/{path}"), 200, {"path": path})

    def sums():
        for length in (1, rng.randint(3, 6)):
            nums = [rng.randint(0, 5000) for _ in range(length)]
            text = ",".join(str(n) for n in nums)
            expect_json(app.get(f"/sum/{text}"), 200, {"numbers": nums, "sum": sum(nums)})
        n = rng.randint(10, 99)
        expect_json(app.get(f"/sum/0{n},2"), 200, {"numbers": [n, 2], "sum": n + 2})

    def malformed():
        a, b = rng.randint(1, 99), rng.randint(1, 99)
        for text in (f"{a},,{b}", f"{a},", f",{a}", f"{a},{word(2)}", f"-{a}"):
            r = app.get(f"/sum/{text}")
            if r.status != 404:
                return f"GET /sum/{text}: expected 404 (not a list of integers), got {r.status}; body {r.text()}"

    for fn in (users, int_rejects, files, sums, malformed):
        tap.case(fn)


def methods(tap, app):
    uid = rng.randint(10, 99_999)

    def delete():
        r = app.request("DELETE", f"/users/{uid}")
        if r.status != 204:
            return f"DELETE /users/{uid}: expected 204, got {r.status}; body {r.text()}"
        if r.body:
            return f"DELETE /users/{uid}: a 204 has no body, got {r.text()}"

    def not_allowed():
        r = app.request("POST", f"/users/{uid}", body={"name": word()})
        if r.status != 405:
            return f"POST /users/{uid}: expected 405, got {r.status}; body {r.text()}"
        allow = {m.strip().upper() for m in (r.header("allow") or "").split(",") if m.strip()}
        if not {"GET", "DELETE"} <= allow:
            return f"POST /users/{uid}: the Allow header must include GET and DELETE, got {r.header('allow')!r}"

    def links():
        n = rng.randint(2, 50_000)
        want = {"user": f"/users/{n}", "file": f"/files/docs/{n}/readme.txt",
                "total": f"/sum/{n},{n + 1},{n + 2}"}
        expect_json(app.get(f"/links/{n}"), 200, want)

    def docs():
        expect_json(app.get("/docs/"), 200, {"docs": True})
        r = app.get("/docs")
        if r.status != 308:
            return f"GET /docs: expected a 308 redirect to /docs/, got {r.status}; body {r.text()}"
        if not (r.header("location") or "").endswith("/docs/"):
            return f"GET /docs: the Location header must end in /docs/, got {r.header('location')!r}"

    for fn in (delete, not_allowed, links, docs):
        tap.case(fn)


def main():
    mode = sys.argv[1]
    tap = Tap(POINTS[mode])

    if not os.path.exists("app.py"):
        tap.fail_rest("app.py is missing: write your Flask application in app.py")
        tap.finish()
    with App("flask", tap) as app:
        {"converters": converters, "methods": methods}[mode](tap, app)
    tap.finish()


if __name__ == "__main__":
    main()
