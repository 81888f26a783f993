"""Checks for router.py. usage: check_router.py basic|methods|strict"""
import os
import random
import re
import sys

from taplib import Tap


def h(name):
    def handler(**kw):
        return name
    handler.__name__ = name
    handler.__qualname__ = name
    return handler


def show(m):
    try:
        status, handler, params, allow = m
    except Exception:
        return repr(m)
    hn = getattr(handler, "__name__", handler)
    return f"Match(status={status!r}, handler={hn}, params={params!r}, allow={allow!r})"


def expect(router, method, path, status, handler=None, params=None, allow=None):
    def run():
        m = router.match(method, path)
        want = (status, handler, {} if params is None else params, allow)
        try:
            got = tuple(m)
        except TypeError:
            got = None
        if got != want or (params and any(type(v) is not type(params[k]) for k, v in got[2].items() if k in params)):
            return (f"router.match({method!r}, {path!r})\n"
                    f"expected {show(want)}\n"
                    f"got      {show(m)}")
        return None
    return run


def basic(tap, mod):
    r = mod.Router()
    home, users, user, post, files = h("home"), h("list_users"), h("show_user"), h("show_post"), h("serve_file")
    r.add("GET", "/", home)
    r.add("GET", "/users", users)
    r.add("GET", "/users/<int:id>", user)
    r.add("GET", "/users/<int:uid>/posts/<slug>", post)
    r.add("get", "/files/<path:rest>", files)
    tap.test("static route / matches", expect(r, "GET", "/", 200, home))
    tap.test("static route /users matches", expect(r, "GET", "/users", 200, users))
    tap.test("<int:id> gives an int", expect(r, "GET", "/users/42", 200, user, {"id": 42}))
    tap.test("<int:id> converts '007' to 7", expect(r, "GET", "/users/007", 200, user, {"id": 7}))
    tap.test("two parameters, <int> and <str>",
              expect(r, "GET", "/users/3/posts/hello-world", 200, post, {"uid": 3, "slug": "hello-world"}))
    tap.test("<path:rest> spans slashes", expect(r, "GET", "/files/css/site.min.css", 200, files,
                                                  {"rest": "css/site.min.css"}))
    tap.test("method is case-insensitive (added as 'get')", expect(r, "GET", "/files/a", 200, files, {"rest": "a"}))
    tap.test("unknown path gives 404", expect(r, "GET", "/nope", 404))
    tap.test("random routes and paths (new every run) match as the prompt says", random_routes(tap, mod))


def methods(tap, mod):
    r = mod.Router()
    show_user, delete_user, list_users, create_user = h("show_user"), h("delete_user"), h("list_users"), h("create_user")
    r.add("GET", "/users/<int:id>", show_user)
    r.add("DELETE", "/users/<int:id>", delete_user)
    r.add("POST", "/users", create_user)
    r.add("GET", "/users", list_users)
    tap.test("GET /users/5 picks the GET route", expect(r, "GET", "/users/5", 200, show_user, {"id": 5}))
    tap.test("DELETE /users/5 picks the DELETE route", expect(r, "DELETE", "/users/5", 200, delete_user, {"id": 5}))
    tap.test("method given in lower case still matches", expect(r, "post", "/users", 200, create_user))
    tap.test("PUT /users/5 gives 405 with Allow 'DELETE, GET'", expect(r, "PUT", "/users/5", 405, allow="DELETE, GET"))
    tap.test("PATCH /users gives 405 with Allow 'GET, POST' (sorted)", expect(r, "PATCH", "/users", 405, allow="GET, POST"))
    tap.test("GET /users/alice is 404, not 405 (not an int)", expect(r, "GET", "/users/alice", 404))
    tap.test("PUT /nothing is 404, not 405", expect(r, "PUT", "/nothing", 404))
    r2 = mod.Router()
    a, b = h("a"), h("b")
    r2.add("GET", "/x/<int:n>", a)
    r2.add("POST", "/x/<name>", b)
    r2.add("GET", "/x/<name>", a)
    tap.test("Allow unions methods of every matching pattern, each once",
              expect(r2, "DELETE", "/x/1", 405, allow="GET, POST"))


def strict(tap, mod):
    r = mod.Router()
    user, dot, page, first, second = h("show_user"), h("robots"), h("page"), h("first"), h("second")
    r.add("GET", "/users/<int:id>", user)
    r.add("GET", "/robots.txt", dot)
    r.add("GET", "/p/<name>", page)
    r.add("GET", "/dup/<int:n>", first)
    r.add("GET", "/dup/<int:n>", second)
    tap.test("/users/42/ (trailing slash) is 404", expect(r, "GET", "/users/42/", 404))
    tap.test("/users/42/posts is 404 (whole path must match)", expect(r, "GET", "/users/42/posts", 404))
    tap.test("/users/-1 is 404 (digits only)", expect(r, "GET", "/users/-1", 404))
    tap.test("/users/12abc is 404", expect(r, "GET", "/users/12abc", 404))
    tap.test("/users/ (empty segment) is 404", expect(r, "GET", "/users/", 404))
    tap.test("'.' in a pattern is a literal dot: /robotsXtxt is 404", expect(r, "GET", "/robotsXtxt", 404))
    tap.test("/robots.txt matches", expect(r, "GET", "/robots.txt", 200, dot))
    tap.test("<name> does not span '/': /p/a/b is 404", expect(r, "GET", "/p/a/b", 404))
    tap.test("first route added wins", expect(r, "GET", "/dup/1", 200, first, {"n": 1}))
    tap.test("/x/users/1 is 404 (match starts at the beginning)", expect(r, "GET", "/x/users/1", 404))


def reference_regex(pattern):
    """The prompt's pattern language as a regular expression."""
    out = []
    for seg in pattern.split("/"):
        m = re.fullmatch(r"<(?:(int|path):)?(\w+)>", seg)
        if not m:
            out.append(re.escape(seg))
        elif m.group(1) == "int":
            out.append(f"(?P<{m.group(2)}>[0-9]+)")
        elif m.group(1) == "path":
            out.append(f"(?P<{m.group(2)}>.+)")
        else:
            out.append(f"(?P<{m.group(2)}>[^/]+)")
    return re.compile("/".join(out))


def reference_match(routes, method, path):
    allow = set()
    for m, pattern, handler in routes:
        found = reference_regex(pattern).fullmatch(path)
        if not found:
            continue
        if m.upper() == method.upper():
            params = {k: int(v) if f"<int:{k}>" in pattern else v for k, v in found.groupdict().items()}
            return (200, handler, params, None)
        allow.add(m.upper())
    if allow:
        return (405, None, {}, ", ".join(sorted(allow)))
    return (404, None, {}, None)


def random_routes(tap, mod):
    """Routes and paths made at check time (new every run), compared with the prompt's rules."""
    def run():
        rng = random.Random(int.from_bytes(os.urandom(8), "big"))
        words = ["api", "users", "posts", "v1", "a.b", "files"]
        routes, r = [], mod.Router()
        for i in range(12):
            segs, names = [], iter(["a", "b", "c", "d"])
            for _ in range(rng.randint(0, 3)):
                kind = rng.random()
                segs.append(rng.choice(words) if kind < 0.5 else
                            f"<{next(names)}>" if kind < 0.75 else f"<int:{next(names)}>")
            if rng.random() < 0.15:
                segs.append(f"<path:{next(names)}>")
            pattern = "/" + "/".join(segs)
            method = rng.choice(["GET", "POST", "DELETE", "get", "put"])
            handler = h(f"handler{i}")
            routes.append((method, pattern, handler))
            r.add(method, pattern, handler)
        shown = "\n".join(f"  r.add({m!r}, {p!r}, {f.__name__})" for m, p, f in routes)
        for _ in range(80):
            segs = [rng.choice(words + ["42", "007", "-1", "x", "12ab", ""]) for _ in range(rng.randint(0, 4))]
            path = "/" + "/".join(segs) + rng.choice(["", "", "/"])
            method = rng.choice(["GET", "POST", "DELETE", "PUT", "post"])
            want = reference_match(routes, method, path)
            err = expect(r, method, path, *want)()
            if err:
                return f"with the routes\n{shown}\n{err}"
    return run


GROUPS = {"basic": (9, basic), "methods": (8, methods), "strict": (10, strict)}

if __name__ == "__main__":
    plan, fn = GROUPS[sys.argv[1]]
    tap = Tap(plan)
    mod = tap.load("router")
    try:
        fn(tap, mod)
    except Exception as exc:
        tap.fail_rest(f"{type(exc).__name__}: {exc}")
    tap.finish()
