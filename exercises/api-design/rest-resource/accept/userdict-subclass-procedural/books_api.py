"""The /books resource (see prompt.md).

Style: the store *is* the mapping: BooksAPI subclasses collections.UserDict (id -> book
dict, kept in key order), and handle() is one procedural dispatcher with
helper functions that collect every validation problem. For PUT/PATCH the
body is checked before the id is looked up (the prompt fixes no precedence).
"""
import json
import re

ID_PATH = re.compile(r"/books/(\d+)", re.ASCII)
ORDER = ("title", "author", "year", "tags")
LIMITS = {"title": 200, "author": 100}


def reply(status, payload=None, **extra):
    if status == 204:
        return 204, dict(extra), b""
    headers = {"Content-Type": "application/json"}
    headers.update(extra)
    return status, headers, json.dumps(payload).encode()


def problem(field, message):
    return {"field": field, "message": message}


def check_field(name, value):
    if name in LIMITS:
        if not isinstance(value, str):
            return "must be a string"
        if value.strip() == "":
            return "must not be blank"
        if len(value) > LIMITS[name]:
            return "is longer than %d characters" % LIMITS[name]
    elif name == "year":
        if type(value) is not int:
            return "must be an integer"
        if value < 1450 or value > 2100:
            return "must be from 1450 to 2100"
    elif name == "tags":
        if type(value) is not list:
            return "must be a list"
        if len(value) > 10:
            return "has more than 10 tags"
        if any(type(t) is not str or len(t) < 1 or len(t) > 30 for t in value):
            return "tags must be strings of 1 to 30 characters"
    return None


def problems_in(data, full):
    found = []
    for name in ORDER:
        if name in data:
            msg = check_field(name, data[name])
            if msg:
                found.append(problem(name, msg))
        elif full and name != "tags":
            found.append(problem(name, "is required"))
    found.extend(problem(k, "is not allowed") for k in sorted(set(data) - set(ORDER)))
    return found


def read_json_object(body):
    try:
        data = json.loads(body or b"")
    except (ValueError, TypeError):
        return None
    return data if isinstance(data, dict) else None


def page_params(query):
    out, bad = {"limit": 20, "offset": 0}, []
    for name, ok in (("limit", lambda n: 1 <= n <= 100), ("offset", lambda n: n >= 0)):
        if name not in query:
            continue
        raw = query[name]
        if isinstance(raw, str) and raw.isascii() and raw.isdigit() and ok(int(raw)):
            out[name] = int(raw)
        else:
            bad.append(problem(name, "must be digits" + (" from 1 to 100" if name == "limit" else "")))
    return out, bad


from collections import UserDict


class BooksAPI(UserDict):
    def __init__(self):
        super().__init__()
        self.last_id = 0

    def render(self, book_id):
        b = self[book_id]
        return {"id": book_id, "title": b["title"], "author": b["author"],
                "year": b["year"], "tags": list(b["tags"])}

    def handle(self, method, path, query, body):
        query = query or {}
        if path == "/books":
            if method == "GET":
                params, bad = page_params(query)
                if bad:
                    return reply(400, {"error": "invalid_query", "details": bad})
                ids = [i for i in sorted(self) if "author" not in query or self[i]["author"] == query["author"]]
                window = ids[params["offset"]:params["offset"] + params["limit"]]
                return reply(200, {"items": [self.render(i) for i in window], "total": len(ids),
                                   "limit": params["limit"], "offset": params["offset"]})
            if method == "POST":
                data = read_json_object(body)
                if data is None:
                    return reply(400, {"error": "invalid_json"})
                bad = problems_in(data, full=True)
                if bad:
                    return reply(422, {"error": "validation_failed", "details": bad})
                self.last_id += 1
                self[self.last_id] = {"title": data["title"], "author": data["author"],
                                      "year": data["year"], "tags": list(data.get("tags", []))}
                return reply(201, self.render(self.last_id), Location="/books/%d" % self.last_id)
            return reply(405, {"error": "method_not_allowed"}, Allow="GET, POST")

        match = ID_PATH.fullmatch(path or "")
        if not match:
            return reply(404, {"error": "not_found"})
        book_id = int(match.group(1))
        if method not in ("GET", "PUT", "PATCH", "DELETE"):
            return reply(405, {"error": "method_not_allowed"}, Allow="GET, PUT, PATCH, DELETE")
        if method in ("PUT", "PATCH"):
            data = read_json_object(body)
            if data is None:
                return reply(400, {"error": "invalid_json"})
            bad = problems_in(data, full=(method == "PUT"))
            if bad:
                return reply(422, {"error": "validation_failed", "details": bad})
        if book_id not in self:
            return reply(404, {"error": "not_found"})
        if method == "DELETE":
            del self[book_id]
            return reply(204)
        if method == "PUT":
            self[book_id] = {"title": data["title"], "author": data["author"],
                             "year": data["year"], "tags": list(data.get("tags", []))}
        elif method == "PATCH":
            updated = dict(self[book_id])
            updated.update({k: (list(v) if k == "tags" else v) for k, v in data.items()})
            self[book_id] = updated
        return reply(200, self.render(book_id))
