"""A WSGI application written by hand (alternative: small Request/Response
dataclasses, a route table keyed by path, and views returning Responses)."""
import json
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Callable, Dict, List, Tuple
from urllib.parse import parse_qs

TEXT = "text/plain; charset=utf-8"
JSON = "application/json"


@dataclass
class Request:
    method: str
    path: str
    query: Dict[str, List[str]]
    environ: dict

    @classmethod
    def from_environ(cls, environ: dict) -> "Request":
        return cls(
            method=environ.get("REQUEST_METHOD", "GET").upper(),
            path=environ.get("PATH_INFO", "") or "/",
            query=parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True,
                           encoding="utf-8", errors="replace"),
            environ=environ,
        )

    def read_body(self) -> bytes:
        """Exactly CONTENT_LENGTH bytes; ValueError when the length is not a number."""
        raw = (self.environ.get("CONTENT_LENGTH") or "").strip()
        length = int(raw) if raw else 0
        if length < 0:
            raise ValueError("negative Content-Length")
        return self.environ["wsgi.input"].read(length) if length else b""


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = TEXT
    extra_headers: List[Tuple[str, str]] = field(default_factory=list)

    @classmethod
    def text(cls, status: int, text: str, **kw) -> "Response":
        return cls(status, text.encode("utf-8"), TEXT, **kw)

    @classmethod
    def json(cls, status: int, data) -> "Response":
        return cls(status, json.dumps(data).encode("utf-8"), JSON)

    def start(self, start_response: Callable) -> List[bytes]:
        status = f"{self.status} {HTTPStatus(self.status).phrase}"
        headers = [("Content-Type", self.content_type),
                   ("Content-Length", str(len(self.body)))] + self.extra_headers
        start_response(status, headers)
        return [self.body]


def hello(request: Request) -> Response:
    names = [n for n in request.query.get("name", []) if n]
    return Response.text(200, f"Hello, {names[0] if names else 'world'}!")


def echo(request: Request) -> Response:
    invalid = Response.json(400, {"error": "invalid JSON"})
    try:
        body = request.read_body()
    except ValueError:
        return invalid
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return invalid
    if not isinstance(data, dict):
        return invalid
    return Response.json(200, {"received": data, "length": len(body)})


ROUTES: Dict[str, Dict[str, Callable[[Request], Response]]] = {
    "/hello": {"GET": hello},
    "/echo": {"POST": echo},
}


def application(environ, start_response):
    request = Request.from_environ(environ)
    views = ROUTES.get(request.path)
    if views is None:
        response = Response.text(404, "Not Found\n")
    elif request.method not in views:
        response = Response.text(405, "Method Not Allowed\n",
                                 extra_headers=[("Allow", ", ".join(sorted(views)))])
    else:
        response = views[request.method](request)
    return response.start(start_response)
