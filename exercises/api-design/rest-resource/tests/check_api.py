"""Checks for books_api.py. Usage: check_api.py crud|status-codes|validation|pagination|robustness"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, call, short  # noqa: E402

JSON_CT = {"Content-Type": "application/json"}
DUNE = {"title": "Dune", "author": "Frank Herbert", "year": 1965}


class Client:
    def __init__(self, mod):
        self.api = call(mod.BooksAPI, label="BooksAPI()")
        self.log = []

    def req(self, method, path, query=None, body=None):
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        label = f"handle({method!r}, {path!r}, {query or {}!r}, {short(body, 150)})"
        self.log.append(label)
        got = call(self.api.handle, method, path, query or {}, body, label=label)
        if not (isinstance(got, tuple) and len(got) == 3):
            raise Fail(f"{label} returned {short(got)}; expected (status, headers, body)")
        status, headers, raw = got
        if not isinstance(headers, dict) or not isinstance(raw, (bytes, bytearray)):
            raise Fail(f"{label} returned {short(got)}; headers must be a dict and the body bytes")
        data = None
        if status != 204:
            if headers.get("Content-Type") != "application/json":
                raise Fail(f"{label} returned headers {headers!r}; expected Content-Type: application/json")
            try:
                data = json.loads(raw)
            except ValueError:
                raise Fail(f"{label} returned a body that is not JSON: {short(bytes(raw), 200)}") from None
        return Response(label, status, headers, bytes(raw), data)

    def create(self, **fields):
        book = {**DUNE, **fields}
        r = self.req("POST", "/books", body=book)
        r.status_is(201)
        return r.data


class Response:
    def __init__(self, label, status, headers, raw, data):
        self.label, self.status, self.headers, self.raw, self.data = label, status, headers, raw, data

    def status_is(self, want, why=""):
        if self.status != want:
            raise Fail(f"{self.label} returned status {self.status} with {short(self.data, 300)}; expected {want}"
                       + (f" ({why})" if why else ""))
        return self

    def body_is(self, want):
        if self.data != want:
            raise Fail(f"{self.label} returned {short(self.data, 400)}; expected {want!r}")
        return self

    def error_is(self, status, code, fields=None):
        self.status_is(status)
        if not isinstance(self.data, dict) or self.data.get("error") != code:
            raise Fail(f"{self.label} returned {short(self.data, 300)}; expected an error body with \"error\": {code!r}")
        if fields is not None:
            details = self.data.get("details")
            if not isinstance(details, list) or not all(isinstance(d, dict) for d in details):
                raise Fail(f"{self.label} returned {short(self.data, 300)}; expected a details list of objects")
            got = [d.get("field") for d in details]
            if got != fields:
                raise Fail(f"{self.label} reported problems with the fields {got!r}; expected {fields!r} "
                           "(every problem, in the specified order)")
            for d in details:
                if not isinstance(d.get("message"), str) or not d.get("message"):
                    raise Fail(f"{self.label}: the detail {d!r} needs a non-empty message")
        return self


def book(id_, **over):
    b = {"id": id_, **DUNE, "tags": []}
    b.update(over)
    return {k: b[k] for k in ("id", "title", "author", "year", "tags")}


def run_crud(tap, mod):
    def create():
        c = Client(mod)
        r = c.req("POST", "/books", body={**DUNE, "tags": ["sf", "classic"]}).status_is(201)
        r.body_is(book(1, tags=["sf", "classic"]))
        if r.headers.get("Location") != "/books/1":
            raise Fail(f"{r.label} returned headers {r.headers!r}; expected Location: /books/1")
        keys = list(r.data)
        if keys != ["id", "title", "author", "year", "tags"]:
            raise Fail(f"the book's keys are {keys!r}; expected ['id', 'title', 'author', 'year', 'tags'] in that order")

    def read():
        c = Client(mod)
        c.create()
        c.create(title="Emma", author="Jane Austen", year=1815)
        c.req("GET", "/books/2").status_is(200).body_is(book(2, title="Emma", author="Jane Austen", year=1815))

    def listing():
        c = Client(mod)
        c.create()
        c.create(title="Emma", author="Jane Austen", year=1815)
        c.req("GET", "/books").status_is(200).body_is(
            {"items": [book(1), book(2, title="Emma", author="Jane Austen", year=1815)], "total": 2, "limit": 20, "offset": 0})

    def put():
        c = Client(mod)
        c.create(tags=["sf"])
        c.req("PUT", "/books/1", body={"title": "Dune Messiah", "author": "Frank Herbert", "year": 1969}) \
            .status_is(200).body_is(book(1, title="Dune Messiah", year=1969))
        c.req("GET", "/books/1").body_is(book(1, title="Dune Messiah", year=1969))

    def patch():
        c = Client(mod)
        c.create(tags=["sf"])
        c.req("PATCH", "/books/1", body={"year": 1966}).status_is(200).body_is(book(1, year=1966, tags=["sf"]))

    def delete():
        c = Client(mod)
        c.create()
        r = c.req("DELETE", "/books/1").status_is(204, "a successful DELETE has no content")
        if r.raw != b"":
            raise Fail(f"{r.label} returned the body {r.raw!r}; a 204 has no body")
        c.req("GET", "/books/1").error_is(404, "not_found")

    tap.test("POST creates a book: 201, Location, the book with its id", create)
    tap.test("GET /books/<id> returns the book", read)
    tap.test("GET /books lists the books in a page", listing)
    tap.test("PUT replaces the book (tags reset to [])", put)
    tap.test("PATCH changes only the given fields", patch)
    tap.test("DELETE answers 204 with no body; the book is gone", delete)


def run_status_codes(tap, mod):
    def not_found():
        c = Client(mod)
        c.create()
        c.req("GET", "/books/99").error_is(404, "not_found")
        c.req("PATCH", "/books/99", body={"year": 2000}).error_is(404, "not_found")
        c.req("DELETE", "/books/99").error_is(404, "not_found")

    def unknown_paths():
        c = Client(mod)
        c.create()
        for path in ("/authors", "/books/abc", "/books/1/extra", "/"):
            c.req("GET", path).error_is(404, "not_found")

    def method_not_allowed():
        c = Client(mod)
        c.create()
        r = c.req("DELETE", "/books").error_is(405, "method_not_allowed")
        if r.headers.get("Allow") != "GET, POST":
            raise Fail(f"{r.label} returned headers {r.headers!r}; expected Allow: GET, POST")
        r = c.req("POST", "/books/1").error_is(405, "method_not_allowed")
        if r.headers.get("Allow") != "GET, PUT, PATCH, DELETE":
            raise Fail(f"{r.label} returned headers {r.headers!r}; expected Allow: GET, PUT, PATCH, DELETE")

    def invalid_json():
        c = Client(mod)
        for body in (b"{not json", b"[1, 2]", b'"a string"', b""):
            c.req("POST", "/books", body=body).error_is(400, "invalid_json")
        c.create()
        c.req("PUT", "/books/1", body=b"{").error_is(400, "invalid_json")

    def unprocessable():
        c = Client(mod)
        c.req("POST", "/books", body={"title": "X", "author": "Y", "year": 1000}).error_is(
            422, "validation_failed", ["year"])

    tap.test("an id that does not exist: 404", not_found)
    tap.test("unknown paths and non-numeric ids: 404", unknown_paths)
    tap.test("a known path with another method: 405 with Allow", method_not_allowed)
    tap.test("a body that is not a JSON object: 400 invalid_json", invalid_json)
    tap.test("a JSON object that breaks the rules: 422 validation_failed", unprocessable)


def run_validation(tap, mod):
    def all_problems():
        c = Client(mod)
        c.req("POST", "/books", body={"title": "", "year": "1965"}).error_is(
            422, "validation_failed", ["title", "author", "year"])

    def types():
        c = Client(mod)
        for bad in ("1965", 1965.0, True, None):
            c.req("POST", "/books", body={**DUNE, "year": bad}).error_is(422, "validation_failed", ["year"])

    def lengths():
        c = Client(mod)
        c.req("POST", "/books", body={**DUNE, "title": "x" * 201, "author": "   "}).error_is(
            422, "validation_failed", ["title", "author"])
        c.create(title="x" * 200, author="y" * 100, year=2100)
        c.create(year=1450)

    def tags():
        c = Client(mod)
        for bad in ("sf", [1, 2], [""], ["x" * 31], [f"t{i}" for i in range(11)]):
            c.req("POST", "/books", body={**DUNE, "tags": bad}).error_is(422, "validation_failed", ["tags"])

    def unknown_fields():
        c = Client(mod)
        c.req("POST", "/books", body={**DUNE, "id": 7, "isbn": "123", "price": 9}).error_is(
            422, "validation_failed", ["id", "isbn", "price"])

    def put_and_patch():
        c = Client(mod)
        c.create()
        c.req("PUT", "/books/1", body={"title": "Only a title"}).error_is(422, "validation_failed", ["author", "year"])
        c.req("PATCH", "/books/1", body={"year": "soon", "title": ""}).error_is(422, "validation_failed", ["title", "year"])
        c.req("GET", "/books/1").status_is(200).body_is(book(1))

    tap.test("every problem is reported, in field order", all_problems)
    tap.test("year must be an integer: not a string, float, boolean or null", types)
    tap.test("length limits, blank strings and the year range", lengths)
    tap.test("tags must be a list of up to 10 strings of 1-30 characters", tags)
    tap.test("unknown and read-only fields are reported alphabetically", unknown_fields)
    tap.test("PUT needs every required field; a rejected PATCH changes nothing", put_and_patch)


def filled(mod, n=45):
    c = Client(mod)
    for i in range(1, n + 1):
        c.create(title=f"Book {i}", author="Ann" if i % 3 == 0 else "Bob", year=1900 + i)
    return c


def run_pagination(tap, mod):
    def default_page():
        c = filled(mod)
        d = c.req("GET", "/books").status_is(200).data
        ids = [b.get("id") for b in d.get("items", [])]
        if ids != list(range(1, 21)) or d.get("total") != 45 or d.get("limit") != 20 or d.get("offset") != 0:
            raise Fail(f"GET /books returned ids {ids!r}, total {d.get('total')!r}, limit {d.get('limit')!r}, "
                       f"offset {d.get('offset')!r}; expected ids 1-20, total 45, limit 20, offset 0")

    def later_page():
        c = filled(mod)
        d = c.req("GET", "/books", {"limit": "10", "offset": "40"}).status_is(200).data
        ids = [b.get("id") for b in d.get("items", [])]
        if ids != [41, 42, 43, 44, 45] or d.get("total") != 45 or d.get("limit") != 10 or d.get("offset") != 40:
            raise Fail(f"the page limit=10 offset=40 has ids {ids!r}, total {d.get('total')!r}; expected [41..45], total 45")

    def past_the_end():
        c = filled(mod)
        c.req("GET", "/books", {"offset": "100"}).status_is(200).body_is(
            {"items": [], "total": 45, "limit": 20, "offset": 100})

    def bad_params():
        c = filled(mod, 3)
        c.req("GET", "/books", {"limit": "0"}).error_is(400, "invalid_query", ["limit"])
        c.req("GET", "/books", {"limit": "101"}).error_is(400, "invalid_query", ["limit"])
        c.req("GET", "/books", {"limit": "ten", "offset": "-1"}).error_is(400, "invalid_query", ["limit", "offset"])
        c.req("GET", "/books", {"offset": "1.5"}).error_is(400, "invalid_query", ["offset"])
        c.req("GET", "/books", {"sort": "whatever"}).status_is(200, "unknown parameters are ignored")

    def filtered():
        c = filled(mod)
        d = c.req("GET", "/books", {"author": "Ann", "limit": "5", "offset": "10"}).status_is(200).data
        ids = [b.get("id") for b in d.get("items", [])]
        if ids != [33, 36, 39, 42, 45] or d.get("total") != 15:
            raise Fail(f"author=Ann limit=5 offset=10 gave ids {ids!r} and total {d.get('total')!r}; "
                       "expected [33, 36, 39, 42, 45] and total 15 (the total counts the filtered books)")

    tap.test("the default page: 20 items, total, limit, offset", default_page)
    tap.test("limit and offset select a later page", later_page)
    tap.test("an offset past the end gives an empty page", past_the_end)
    tap.test("bad limit and offset values: 400 invalid_query with details", bad_params)
    tap.test("the author filter combines with pagination; total counts matches", filtered)


def run_robustness(tap, mod):
    def ids_not_reused():
        c = Client(mod)
        c.create()
        c.create()
        c.req("DELETE", "/books/2").status_is(204)
        d = c.create()
        if d.get("id") != 3:
            raise Fail(f"after deleting book 2, the next book got id {d.get('id')!r}; ids are never reused (expected 3)")

    def none_body():
        c = Client(mod)
        c.req("POST", "/books", body=None).error_is(400, "invalid_json")
        c.req("POST", "/books", body=b"\xff\xfe").error_is(400, "invalid_json")

    def rejected_creates_nothing():
        c = Client(mod)
        c.req("POST", "/books", body={"title": "x"}).status_is(422)
        d = c.create()
        if d.get("id") != 1:
            raise Fail(f"a rejected POST used up an id: the first stored book got id {d.get('id')!r}")
        c.req("GET", "/books").body_is({"items": [book(1)], "total": 1, "limit": 20, "offset": 0})

    def instances_independent():
        a, b = Client(mod), Client(mod)
        a.create()
        b.req("GET", "/books").body_is({"items": [], "total": 0, "limit": 20, "offset": 0})

    def patch_empty_and_id():
        c = Client(mod)
        c.create()
        c.req("PATCH", "/books/1", body={}).status_is(200).body_is(book(1))
        c.req("PATCH", "/books/1", body={"id": 5}).error_is(422, "validation_failed", ["id"])
        c.req("HEAD", "/books/1").error_is(405, "method_not_allowed")

    tap.test("ids are never reused after a delete", ids_not_reused)
    tap.test("a missing or undecodable body is invalid_json", none_body)
    tap.test("a rejected POST stores nothing and uses no id", rejected_creates_nothing)
    tap.test("each BooksAPI instance has its own store", instances_independent)
    tap.test("an empty PATCH changes nothing; id is read-only; HEAD is not allowed", patch_empty_and_id)


MODES = {"crud": (6, run_crud), "status-codes": (5, run_status_codes), "validation": (6, run_validation),
         "pagination": (5, run_pagination), "robustness": (5, run_robustness)}


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in MODES:
        print(f"usage: check_api.py {'|'.join(MODES)}", file=sys.stderr)
        sys.exit(2)
    plan, fn = MODES[mode]
    tap = Tap(plan)
    mod = tap.load("books_api")
    if mod is not None and tap.need(mod, "BooksAPI"):
        fn(tap, mod)
    tap.finish()


main()
