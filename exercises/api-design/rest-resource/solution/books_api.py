"""The /books resource: REST methods, precise status codes, full validation, pagination."""
import json
import re

JSON = {"Content-Type": "application/json"}
ITEM_PATH = re.compile(r"/books/([0-9]+)\Z")
FIELDS = ("title", "author", "year", "tags")
REQUIRED = ("title", "author", "year")
ALLOW_COLLECTION = "GET, POST"
ALLOW_ITEM = "GET, PUT, PATCH, DELETE"


def _json(status, payload, **extra):
    return status, {**JSON, **extra}, json.dumps(payload).encode()


def _error(status, code, details=None, **extra):
    payload = {"error": code}
    if details is not None:
        payload["details"] = details
    return _json(status, payload, **extra)


def _text(value, limit):
    if not isinstance(value, str):
        return "must be a string"
    if not value.strip():
        return "must not be blank"
    if len(value) > limit:
        return f"must be at most {limit} characters"
    return None


def _check(field, value):
    """The problem with one field's value, or None."""
    if field == "title":
        return _text(value, 200)
    if field == "author":
        return _text(value, 100)
    if field == "year":
        if type(value) is not int:
            return "must be an integer"
        if not 1450 <= value <= 2100:
            return "must be between 1450 and 2100"
        return None
    if field == "tags":
        if not isinstance(value, list):
            return "must be a list of strings"
        if len(value) > 10:
            return "at most 10 tags"
        if not all(isinstance(t, str) and 1 <= len(t) <= 30 for t in value):
            return "each tag must be a string of 1 to 30 characters"
        return None
    raise KeyError(field)


def _validate(data, partial):
    details = []
    for field in FIELDS:
        if field in data:
            problem = _check(field, data[field])
        elif field in REQUIRED and not partial:
            problem = "is required"
        else:
            problem = None
        if problem:
            details.append({"field": field, "message": problem})
    for field in sorted(k for k in data if k not in FIELDS):
        details.append({"field": field, "message": "read-only" if field == "id" else "unknown field"})
    return details


def _parse_body(body):
    try:
        data = json.loads(body or b"")
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def _int_param(query, name, default, low, high):
    raw = query.get(name)
    if raw is None:
        return default, None
    if not (isinstance(raw, str) and raw.isascii() and raw.isdigit()):
        return None, {"field": name, "message": "must be a whole number"}
    value = int(raw)
    if value < low or (high is not None and value > high):
        upper = f" to {high}" if high is not None else " or more"
        return None, {"field": name, "message": f"must be {low}{upper}"}
    return value, None


class BooksAPI:
    def __init__(self):
        self.books = {}
        self.next_id = 1

    def handle(self, method, path, query, body):
        query = query or {}
        if path == "/books":
            if method == "GET":
                return self._list(query)
            if method == "POST":
                return self._create(body)
            return _error(405, "method_not_allowed", Allow=ALLOW_COLLECTION)
        match = ITEM_PATH.match(path)
        if not match:
            return _error(404, "not_found")
        if method not in ("GET", "PUT", "PATCH", "DELETE"):
            return _error(405, "method_not_allowed", Allow=ALLOW_ITEM)
        book_id = int(match.group(1))
        if book_id not in self.books:
            return _error(404, "not_found")
        if method == "GET":
            return _json(200, self.books[book_id])
        if method == "DELETE":
            del self.books[book_id]
            return 204, {}, b""
        return self._update(book_id, body, partial=(method == "PATCH"))

    def _list(self, query):
        limit, bad_limit = _int_param(query, "limit", 20, 1, 100)
        offset, bad_offset = _int_param(query, "offset", 0, 0, None)
        details = [d for d in (bad_limit, bad_offset) if d]
        if details:
            return _error(400, "invalid_query", details)
        books = [b for _, b in sorted(self.books.items())]
        if "author" in query:
            books = [b for b in books if b["author"] == query["author"]]
        page = books[offset:offset + limit]
        return _json(200, {"items": page, "total": len(books), "limit": limit, "offset": offset})

    def _create(self, body):
        data = _parse_body(body)
        if data is None:
            return _error(400, "invalid_json")
        details = _validate(data, partial=False)
        if details:
            return _error(422, "validation_failed", details)
        book = {"id": self.next_id, "title": data["title"], "author": data["author"],
                "year": data["year"], "tags": list(data.get("tags", []))}
        self.books[book["id"]] = book
        self.next_id += 1
        return _json(201, book, Location=f"/books/{book['id']}")

    def _update(self, book_id, body, partial):
        data = _parse_body(body)
        if data is None:
            return _error(400, "invalid_json")
        details = _validate(data, partial=partial)
        if details:
            return _error(422, "validation_failed", details)
        old = self.books[book_id]
        if partial:
            new = {**old, **data}
        else:
            new = {"id": book_id, "title": data["title"], "author": data["author"],
                   "year": data["year"], "tags": list(data.get("tags", []))}
        new = {k: new[k] for k in ("id",) + FIELDS}
        self.books[book_id] = new
        return _json(200, new)
