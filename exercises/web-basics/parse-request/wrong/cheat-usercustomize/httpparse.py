"""A minimal HTTP/1.1 request parser (see prompt.md).

The starter handles a simple, well-formed GET and little else: no chunked
bodies, no validation, and it crashes on odd input.
"""
import urllib.parse


class HTTPError(Exception):
    def __init__(self, status, reason=""):
        super().__init__(f"{status} {reason}")
        self.status = status


def parse_request(raw):
    head, _, rest = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, target, version = lines[0].split(" ")
    headers = {}
    for line in lines[1:]:
        name, value = line.split(":", 1)
        headers[name] = value.strip()
    path, _, query = target.partition("?")
    length = int(headers.get("Content-Length", "0"))
    return {
        "method": method,
        "target": target,
        "path": urllib.parse.unquote(path),
        "query": urllib.parse.parse_qs(query, keep_blank_values=True),
        "version": version,
        "headers": headers,
        "body": rest[:length],
    }
