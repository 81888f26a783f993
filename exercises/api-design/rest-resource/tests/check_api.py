"""Checks for books_api.py. Usage: check_api.py crud|status-codes|validation|pagination|robustness"""
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, call, short, describe  # noqa: E402

JSON_CT = {"Content-Type": "application/json"}
RNG = random.Random(int.from_bytes(os.urandom(8), "big"))
SYLLABLES = ["ka", "lo", "mi", "ra", "ten", "so", "vel", "dor", "an", "is", "ul", "bre", "qu", "zan", "fi", "mo"]


def word(lo=1, hi=3):
    return "".join(RNG.choice(SYLLABLES) for _ in range(RNG.randint(lo, hi)))


def title():
    return " ".join(word(2, 3) for _ in range(RNG.randint(1, 3))).capitalize()


def person():
    return f"{word().capitalize()} {word(2, 3).capitalize()}"


def random_book():
    return {"title": title(), "author": person(), "year": RNG.randint(1450, 2100)}


# The books of the scenarios are made at random at check time (new every run).
DUNE = random_book()
EMMA = random_book()
TAGS = [word(2, 3) for _ in range(RNG.randint(1, 4))]


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
            raise Fail(f"{label} returned {describe(got)}; expected (status, headers, body)")
        status, headers, raw = got
        if not isinstance(headers, dict) or not isinstance(raw, (bytes, bytearray)):
            raise Fail(f"{label} returned {describe(got)}; headers must be a dict and the body bytes")
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
        r = c.req("POST", "/books", body={**DUNE, "tags": TAGS}).status_is(201)
        r.body_is(book(1, tags=TAGS))
        if r.headers.get("Location") != "/books/1":
            raise Fail(f"{r.label} returned headers {r.headers!r}; expected Location: /books/1")
        keys = list(r.data)
        if keys != ["id", "title", "author", "year", "tags"]:
            raise Fail(f"the book's keys are {keys!r}; expected ['id', 'title', 'author', 'year', 'tags'] in that order")

    def read():
        c = Client(mod)
        c.create()
        c.create(**EMMA)
        c.req("GET", "/books/2").status_is(200).body_is(book(2, **EMMA))

    def listing():
        c = Client(mod)
        c.create()
        c.create(**EMMA)
        c.req("GET", "/books").status_is(200).body_is(
            {"items": [book(1), book(2, **EMMA)], "total": 2, "limit": 20, "offset": 0})

    def put():
        c = Client(mod)
        c.create(tags=TAGS)
        c.req("PUT", "/books/1", body={"title": EMMA["title"], "author": DUNE["author"], "year": EMMA["year"]}) \
            .status_is(200).body_is(book(1, title=EMMA["title"], year=EMMA["year"]))
        c.req("GET", "/books/1").body_is(book(1, title=EMMA["title"], year=EMMA["year"]))

    def patch():
        c = Client(mod)
        c.create(tags=TAGS)
        c.req("PATCH", "/books/1", body={"year": EMMA["year"]}).status_is(200).body_is(book(1, year=EMMA["year"], tags=TAGS))
        c.req("PATCH", "/books/1", body={"author": EMMA["author"], "tags": []}).status_is(200).body_is(
            book(1, year=EMMA["year"], author=EMMA["author"]))

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
        c.req("PUT", "/books/99", body={**DUNE, "title": title()}).error_is(404, "not_found")
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
        c.req("POST", "/books", body={"title": title(), "author": person(), "year": RNG.choice([RNG.randint(0, 1449), RNG.randint(2101, 9999), -RNG.randint(1, 999)])}).error_is(
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


def filled(mod, n=None):
    """A client with n random books by two random authors; returns (client, [(id, author)])."""
    n = RNG.randint(25, 70) if n is None else n
    c = Client(mod)
    ann, bob = PEOPLE
    books = []
    for i in range(1, n + 1):
        who = ann if RNG.random() < 0.35 else bob
        c.create(title=title(), author=who, year=RNG.randint(1450, 2100))
        books.append((i, who))
    return c, books


PEOPLE = [person(), person()]
while PEOPLE[0] == PEOPLE[1]:
    PEOPLE[1] = person()


def page_is(c, query, ids, total, limit, offset, why):
    d = c.req("GET", "/books", query).status_is(200).data
    items = d.get("items") if isinstance(d, dict) else None
    got = [b.get("id") if isinstance(b, dict) else b for b in items] if isinstance(items, list) else items
    if got != ids or d.get("total") != total or d.get("limit") != limit or d.get("offset") != offset:
        raise Fail(f"GET /books with {query!r} returned ids {got!r}, total {d.get('total')!r}, limit {d.get('limit')!r}, "
                   f"offset {d.get('offset')!r}; expected ids {ids!r}, total {total}, limit {limit}, offset {offset} ({why})")


def run_pagination(tap, mod):
    def default_page():
        c, books = filled(mod)
        page_is(c, {}, list(range(1, 21)), len(books), 20, 0, "the defaults are limit 20, offset 0")

    def later_page():
        c, books = filled(mod)
        n = len(books)
        for _ in range(3):
            limit = RNG.randint(1, 30)
            offset = RNG.randint(0, n - 1)
            page_is(c, {"limit": str(limit), "offset": str(offset)}, list(range(offset + 1, min(n, offset + limit) + 1)),
                    n, limit, offset, "a later page")

    def past_the_end():
        c, books = filled(mod)
        offset = len(books) + RNG.randint(0, 200)
        c.req("GET", "/books", {"offset": str(offset)}).status_is(200).body_is(
            {"items": [], "total": len(books), "limit": 20, "offset": offset})

    def bad_params():
        c, _books = filled(mod, 3)
        bad_limit = RNG.choice(["0", "101", str(RNG.randint(102, 9999)), "-3", "ten", "1.5", " 5", "5x", "", "+7"])
        bad_offset = RNG.choice(["-1", "1.5", "x", "", " 2", "0x10", "-" + str(RNG.randint(1, 99))])
        c.req("GET", "/books", {"limit": bad_limit}).error_is(400, "invalid_query", ["limit"])
        c.req("GET", "/books", {"limit": "0"}).error_is(400, "invalid_query", ["limit"])
        c.req("GET", "/books", {"limit": "101"}).error_is(400, "invalid_query", ["limit"])
        c.req("GET", "/books", {"limit": bad_limit, "offset": bad_offset}).error_is(400, "invalid_query", ["limit", "offset"])
        c.req("GET", "/books", {"offset": bad_offset, "limit": "100"}).error_is(400, "invalid_query", ["offset"])
        c.req("GET", "/books", {word(): word()}).status_is(200, "unknown parameters are ignored")
        page_is(c, {"limit": "1", "offset": "2"}, [3], 3, 1, 2, "limit 1 and offset 2 are valid")

    def filtered():
        c, books = filled(mod)
        for who in PEOPLE:
            mine = [i for i, a in books if a == who]
            limit = RNG.randint(1, 10)
            offset = RNG.randint(0, max(0, len(mine) - 2))
            page_is(c, {"author": who, "limit": str(limit), "offset": str(offset)}, mine[offset:offset + limit],
                    len(mine), limit, offset, "the total counts the filtered books")
        page_is(c, {"author": PEOPLE[0].lower()}, [], 0, 20, 0, "the author must match exactly")

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
