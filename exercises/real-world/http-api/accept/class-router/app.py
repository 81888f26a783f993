"""HTTP API of the URL shortener, as a WSGI application (alternative: a
callable class with a small regex route table and a Response dataclass)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Callable, Iterable, List, Optional, Tuple

from store import CodeTaken, InvalidCode, InvalidURL, UrlStore

JSON_TYPE = "application/json"


@dataclass
class Response:
    status: int
    payload: Optional[dict] = None
    headers: List[Tuple[str, str]] = field(default_factory=list)

    def status_line(self) -> str:
        return f"{self.status} {HTTPStatus(self.status).phrase}"

    def encode(self) -> Tuple[List[Tuple[str, str]], bytes]:
        headers = list(self.headers)
        if self.payload is None:
            body = b""
        else:
            body = json.dumps(self.payload).encode("utf-8")
            headers.append(("Content-Type", JSON_TYPE))
        headers.append(("Content-Length", str(len(body))))
        return headers, body


def error(status: int, message: str, *headers: Tuple[str, str]) -> Response:
    return Response(status, {"error": message}, list(headers))


class BadRequest(Exception):
    def __init__(self, response: Response):
        super().__init__(response.status)
        self.response = response


class ShortenerApp:
    def __init__(self, db_path: str) -> None:
        self.store = UrlStore(db_path)
        # (regex, {method: handler name}) checked in order
        self.routes: List[Tuple[re.Pattern, dict]] = [
            (re.compile(r"/health"), {"GET": self.health}),
            (re.compile(r"/api/links"), {"POST": self.create_link}),
            (re.compile(r"/api/links/([^/]+)"), {"GET": self.link_stats}),
            (re.compile(r"/([^/]+)"), {"GET": self.follow}),
        ]

    # ---- WSGI entry point ---------------------------------------------
    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        try:
            response = self.dispatch(environ)
        except BadRequest as exc:
            response = exc.response
        headers, body = response.encode()
        start_response(response.status_line(), headers)
        return [body]

    def dispatch(self, environ: dict) -> Response:
        path = environ.get("PATH_INFO") or "/"
        method = (environ.get("REQUEST_METHOD") or "GET").upper()
        for pattern, handlers in self.routes:
            found = pattern.fullmatch(path)
            if not found:
                continue
            handler = handlers.get(method)
            if handler is None:
                return error(405, "method not allowed", ("Allow", ", ".join(sorted(handlers))))
            return handler(environ, *found.groups())
        return error(404, "not found")

    # ---- handlers -------------------------------------------------------
    def health(self, environ: dict) -> Response:
        return Response(200, {"status": "ok"})

    def create_link(self, environ: dict) -> Response:
        data = self.read_json_object(environ)
        if "url" not in data:
            return error(400, "the body needs a 'url'")
        try:
            code = self.store.shorten(data["url"], data.get("code"))
        except (InvalidURL, InvalidCode) as exc:
            return error(400, str(exc))
        except CodeTaken as exc:
            return error(409, str(exc))
        scheme = environ.get("wsgi.url_scheme", "http")
        host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "localhost")
        payload = {"code": code, "url": data["url"], "short_url": f"{scheme}://{host}/{code}"}
        return Response(201, payload, [("Location", f"/api/links/{code}")])

    def link_stats(self, environ: dict, code: str) -> Response:
        found = self.store.stats(code)
        if found is None:
            return error(404, f"unknown code {code!r}")
        return Response(200, found)

    def follow(self, environ: dict, code: str) -> Response:
        target = self.store.resolve(code)
        if target is None:
            return error(404, f"unknown code {code!r}")
        return Response(302, None, [("Location", target)])

    # ---- request body ---------------------------------------------------
    @staticmethod
    def read_json_object(environ: dict) -> dict:
        ctype = environ.get("CONTENT_TYPE") or ""
        media_type = ctype.split(";", 1)[0].strip().lower()
        if media_type != JSON_TYPE:
            raise BadRequest(error(415, "the body must be application/json"))
        raw_length = (environ.get("CONTENT_LENGTH") or "").strip()
        try:
            length = int(raw_length) if raw_length else 0
        except ValueError:
            raise BadRequest(error(400, "bad Content-Length")) from None
        if length < 0:
            raise BadRequest(error(400, "bad Content-Length"))
        raw = environ["wsgi.input"].read(length) if length else b""
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise BadRequest(error(400, "the body is not valid JSON")) from None
        if not isinstance(data, dict):
            raise BadRequest(error(400, "the body must be a JSON object"))
        return data


def create_app(db_path):
    return ShortenerApp(db_path)
