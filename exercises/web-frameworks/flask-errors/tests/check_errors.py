"""Checks for the Flask error-handler and middleware exercise, over HTTP.
usage: check_errors.py problems|ids

The token, the request ids, the unknown URLs, the missing item ids and the
word the crash route puts in its exception are drawn at check time.
"""
import json
from http import HTTPStatus
import os
import random
import re
import string
import sys

from taplib import Tap
from webcheck import App, expect_json

rng = random.SystemRandom()
TOKEN = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(24))
AUTH = {"Authorization": f"Bearer {TOKEN}"}
HEX32 = re.compile(r"[0-9a-f]{32}")


POINTS = {
    "problems": [
        "an unknown URL is a 404 problem with Werkzeug's description",
        "abort(404, description=...) is a 404 problem with that description",
        "a method the rule does not list is a 405 problem that keeps Allow",
        "an uncaught exception is a 500 problem that leaks nothing",
        "a successful answer stays application/json",
    ],
    "ids": [
        "a valid X-Request-Id comes back unchanged on 200, 404 and 500",
        "a missing or invalid X-Request-Id is replaced by a new 32-hex id each time",
        "/api/ without the right bearer token is a 401 problem with WWW-Authenticate",
        "the right token is let through; /health needs none",
    ],
}


def word(n=None, alphabet=string.ascii_lowercase):
    return "".join(rng.choice(alphabet) for _ in range(n or rng.randint(4, 9)))


def expect_problem(r, status, detail=None, title=None):
    """r is a problem details response for its own path; detail None: any non-empty text."""
    if r.status != status:
        raise AssertionError(f"{r.method} {r.path}: expected status {status}, got {r.status}; body {r.text()}")
    if r.content_type() != "application/problem+json":
        raise AssertionError(f"{r.method} {r.path}: a {status} must have Content-Type application/problem+json, "
                             f"got {r.header('content-type')!r}")
    body = r.json()
    if not isinstance(body, dict):
        raise AssertionError(f"{r.method} {r.path}: the problem must be a JSON object, got {r.text()}")
    want = {"type": "about:blank", "title": title or HTTPStatus(status).phrase, "status": status,
            "instance": r.path.split("?")[0]}
    if detail is not None:
        want["detail"] = detail
    wrong = [f"{k}: expected {json.dumps(v)}, got {json.dumps(body[k]) if k in body else 'nothing'}"
             for k, v in want.items() if body.get(k, object()) != v or type(body.get(k)) is not type(v)]
    if detail is None and not (isinstance(body.get("detail"), str) and body["detail"]):
        wrong.append(f"detail: expected some text, got {json.dumps(body.get('detail'))}")
    if wrong:
        raise AssertionError(f"{r.method} {r.path} ({status}): " + "; ".join(wrong))
    return body


def problems(tap, app):
    # Werkzeug's standard descriptions, which the prompt names. Imported only here: the
    # package costs a quarter of a CPU second, and the titles (the reason phrases of
    # RFC 9110, the same in Werkzeug's table) come from the standard library.
    from werkzeug.exceptions import InternalServerError, NotFound

    def unknown():
        path = f"/{word()}/{word()}"
        expect_problem(app.get(path), 404, NotFound.description)

    def missing_item():
        n = rng.randint(4, 99_999)
        expect_problem(app.get(f"/api/items/{n}", headers=AUTH), 404, f"no item {n}")

    def not_allowed():
        r = app.request("POST", "/health", body={"x": word()})
        expect_problem(r, 405)
        allow = {m.strip().upper() for m in (r.header("allow") or "").split(",")}
        if "GET" not in allow:
            return f"POST /health: the 405 must keep its Allow header naming GET, got {r.header('allow')!r}"

    def crash():
        secret = word(12)
        r = app.get(f"/api/crash/{secret}", headers=AUTH)
        body = r.body.decode("utf-8", "replace")
        try:  # the instance member is the path, which holds the word: look everywhere else
            parsed = json.loads(body)
            if isinstance(parsed, dict) and parsed.get("instance") == r.path:
                body = json.dumps({k: v for k, v in parsed.items() if k != "instance"}, ensure_ascii=False)
        except ValueError:
            pass
        for leak in (secret, "RuntimeError", "Traceback"):
            if leak in body:
                return (f"GET /api/crash/{secret}: the 500's body gives away {leak!r} from the exception; "
                        f"keep it in your logs. Body: {r.text()}")
        expect_problem(r, 500, InternalServerError.description)

    def success():
        n = rng.randint(1, 3)
        expect_json(app.get(f"/api/items/{n}", headers=AUTH), 200,
                    {"id": n, "name": {1: "apple", 2: "pear", 3: "plum"}[n]})

    for fn in (unknown, missing_item, not_allowed, crash, success):
        tap.case(fn)


def ids(tap, app):
    def valid_echoed():
        for path, headers in (("/health", {}), (f"/{word()}", {}), (f"/api/crash/{word()}", AUTH)):
            rid = word(rng.randint(8, 64), string.ascii_letters + string.digits + "-")
            r = app.get(path, headers={**headers, "X-Request-Id": rid})
            if r.header("x-request-id") != rid:
                return (f"GET {path} with X-Request-Id: {rid} answered {r.status} with X-Request-Id: "
                        f"{r.header('x-request-id')!r}; expected the same id back")

    def replaced():
        seen = []
        bad = ["", "a" * 65, f"{word(5)} {word(5)}", f"{word(5)}_{word(5)}"]
        for given in [None] * 2 + bad:
            headers = {} if given is None else {"X-Request-Id": given}
            r = app.get("/health", headers=headers)
            got = r.header("x-request-id")
            what = "no X-Request-Id" if given is None else f"X-Request-Id: {given!r}"
            if got is None or not HEX32.fullmatch(got):
                return f"GET /health with {what}: expected a new id of 32 lowercase hex digits, got {got!r}"
            if got in seen:
                return f"GET /health with {what}: the new id {got} was already given to an earlier request"
            seen.append(got)

    def unauthorized():
        cases = [("GET", "/api/items/1", {}), ("GET", "/api/items/2", {"Authorization": f"Bearer {word(24)}"}),
                 ("GET", "/api/items/3", {"Authorization": f"Basic {word(16)}"}),
                 ("GET", "/api/items/1", {"Authorization": TOKEN}),
                 ("DELETE", f"/api/{word()}/{word()}", {})]
        for method, path, headers in cases:
            r = app.request(method, path, headers=headers)
            what = f"{method} {path} with " + (f"Authorization: {headers['Authorization']}" if headers
                                              else "no Authorization")
            if r.status != 401:
                return f"{what}: expected 401, got {r.status}; body {r.text()}"
            expect_problem(r, 401)
            if not (r.header("www-authenticate") or "").lower().startswith("bearer"):
                return f"{what}: the 401 needs WWW-Authenticate: Bearer, got {r.header('www-authenticate')!r}"
            if not r.header("x-request-id"):
                return f"{what}: the 401 has no X-Request-Id"

    def authorized():
        expect_json(app.get("/api/items/1", headers=AUTH), 200, {"id": 1, "name": "apple"})
        expect_json(app.get("/health"), 200, {"ok": True})

    for fn in (valid_echoed, replaced, unauthorized, authorized):
        tap.case(fn)


def main():
    mode = sys.argv[1]
    tap = Tap(POINTS[mode])
    if not os.path.exists("app.py"):
        tap.fail_rest("app.py is missing: write your Flask application in app.py")
        tap.finish()
    with App("flask", tap, env={"API_TOKEN": TOKEN}) as app:
        {"problems": problems, "ids": ids}[mode](tap, app)
    tap.finish()


if __name__ == "__main__":
    main()
