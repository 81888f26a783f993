"""The /books resource (see prompt.md).

Style: a declarative table of field validators, a regex router and a
dataclass for the stored book.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, asdict
from typing import Any, Callable, Dict, List, Optional, Tuple

Response = Tuple[int, Dict[str, str], bytes]
Problem = Dict[str, str]

_DIGITS = re.compile(r"[0-9]+")
_ROUTES = [
    (re.compile(r"/books"), ("GET", "POST")),
    (re.compile(r"/books/([0-9]+)"), ("GET", "PUT", "PATCH", "DELETE")),
]


@dataclass
class Book:
    id: int
    title: str
    author: str
    year: int
    tags: List[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        # dataclass field order == the required key order
        d = asdict(self)
        d["tags"] = list(self.tags)
        return d


def _text(max_len: int) -> Callable[[Any], Optional[str]]:
    def check(value: Any) -> Optional[str]:
        if not isinstance(value, str):
            return "must be a string"
        if not value.strip():
            return "must not be blank"
        if len(value) > max_len:
            return f"must be at most {max_len} characters"
        return None
    return check


def _year(value: Any) -> Optional[str]:
    if isinstance(value, bool) or not isinstance(value, int):
        return "must be an integer"
    if not 1450 <= value <= 2100:
        return "must be between 1450 and 2100"
    return None


def _tags(value: Any) -> Optional[str]:
    if not isinstance(value, list):
        return "must be a list of strings"
    if len(value) > 10:
        return "at most 10 tags"
    for tag in value:
        if not isinstance(tag, str) or not 1 <= len(tag) <= 30:
            return "each tag must be a string of 1 to 30 characters"
    return None


# name -> (required, validator); the dict order is the order of `details`
FIELDS: Dict[str, Tuple[bool, Callable[[Any], Optional[str]]]] = {
    "title": (True, _text(200)),
    "author": (True, _text(100)),
    "year": (True, _year),
    "tags": (False, _tags),
}


def validate(data: dict, partial: bool) -> List[Problem]:
    problems: List[Problem] = []
    for name, (required, check) in FIELDS.items():
        if name not in data:
            if required and not partial:
                problems.append({"field": name, "message": "is required"})
            continue
        msg = check(data[name])
        if msg:
            problems.append({"field": name, "message": msg})
    for name in sorted(k for k in data if k not in FIELDS):
        problems.append({"field": name, "message": "unknown field" if name != "id" else "is read-only"})
    return problems


class HttpError(Exception):
    def __init__(self, status: int, code: str, details: Optional[list] = None,
                 headers: Optional[Dict[str, str]] = None) -> None:
        super().__init__(code)
        self.status, self.code, self.details, self.headers = status, code, details, headers or {}

    def response(self) -> Response:
        payload: Dict[str, Any] = {"error": self.code}
        if self.details is not None:
            payload["details"] = self.details
        return _json(self.status, payload, self.headers)


def _json(status: int, payload: Any, extra: Optional[Dict[str, str]] = None) -> Response:
    headers = {"Content-Type": "application/json"}
    headers.update(extra or {})
    return status, headers, json.dumps(payload).encode()


def _decode(body: Optional[bytes]) -> dict:
    try:
        data = json.loads(body if body is not None else b"")
    except (ValueError, TypeError):
        raise HttpError(400, "invalid_json")
    if not isinstance(data, dict):
        raise HttpError(400, "invalid_json")
    return data


class BooksAPI:
    def __init__(self) -> None:
        self._books: Dict[int, Book] = {}
        self._last_id = 0

    def handle(self, method: str, path: str, query: Optional[dict], body: Optional[bytes]) -> Response:
        try:
            for pattern, methods in _ROUTES:
                m = pattern.fullmatch(path or "")
                if not m:
                    continue
                if method not in methods:
                    raise HttpError(405, "method_not_allowed", headers={"Allow": ", ".join(methods)})
                handler = getattr(self, "_" + method.lower() + ("_one" if m.groups() else "_many"))
                return handler(*(int(g) for g in m.groups()), query=query or {}, body=body)
            raise HttpError(404, "not_found")
        except HttpError as err:
            return err.response()

    # /books -----------------------------------------------------------
    def _get_many(self, query: dict, body: Any) -> Response:
        problems: List[Problem] = []
        limit, offset = 20, 0
        raw = query.get("limit")
        if raw is not None:
            if not isinstance(raw, str) or not _DIGITS.fullmatch(raw) or not 1 <= int(raw) <= 100:
                problems.append({"field": "limit", "message": "must be an integer from 1 to 100"})
            else:
                limit = int(raw)
        raw = query.get("offset")
        if raw is not None:
            if not isinstance(raw, str) or not _DIGITS.fullmatch(raw):
                problems.append({"field": "offset", "message": "must be an integer >= 0"})
            else:
                offset = int(raw)
        if problems:
            raise HttpError(400, "invalid_query", problems)
        books = sorted(self._books.values(), key=lambda b: b.id)
        if "author" in query:
            books = [b for b in books if b.author == query["author"]]
        page = books[offset:offset + limit]
        return _json(200, {"items": [b.to_dict() for b in page], "total": len(books),
                           "limit": limit, "offset": offset})

    def _post_many(self, query: dict, body: Any) -> Response:
        data = _decode(body)
        problems = validate(data, partial=False)
        if problems:
            raise HttpError(422, "validation_failed", problems)
        self._last_id += 1
        book = Book(self._last_id, data["title"], data["author"], data["year"], list(data.get("tags", [])))
        self._books[book.id] = book
        return _json(201, book.to_dict(), {"Location": f"/books/{book.id}"})

    # /books/<id> ------------------------------------------------------
    def _find(self, book_id: int) -> Book:
        book = self._books.get(book_id)
        if book is None:
            raise HttpError(404, "not_found")
        return book

    def _get_one(self, book_id: int, query: dict, body: Any) -> Response:
        return _json(200, self._find(book_id).to_dict())

    def _put_one(self, book_id: int, query: dict, body: Any) -> Response:
        book = self._find(book_id)
        data = _decode(body)
        problems = validate(data, partial=False)
        if problems:
            raise HttpError(422, "validation_failed", problems)
        book.title, book.author, book.year = data["title"], data["author"], data["year"]
        book.tags = list(data.get("tags", []))
        return _json(200, book.to_dict())

    def _patch_one(self, book_id: int, query: dict, body: Any) -> Response:
        book = self._find(book_id)
        data = _decode(body)
        problems = validate(data, partial=True)
        if problems:
            raise HttpError(422, "validation_failed", problems)
        for name, value in data.items():
            setattr(book, name, list(value) if name == "tags" else value)
        return _json(200, book.to_dict())

    def _delete_one(self, book_id: int, query: dict, body: Any) -> Response:
        self._find(book_id)
        del self._books[book_id]
        return 204, {}, b""
