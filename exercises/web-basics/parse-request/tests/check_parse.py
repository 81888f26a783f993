"""Checks for httpparse.py. Usage: check_parse.py request-line|headers|body|chunked|robust"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, short  # noqa: E402


def parse(mod, raw):
    try:
        return "ok", mod.parse_request(raw)
    except mod.HTTPError as exc:
        return "error", getattr(exc, "status", None)
    except Exception as exc:  # noqa: BLE001
        raise Fail(f"parse_request({short(raw, 300)}) raised {type(exc).__name__}: {exc}; "
                   "only HTTPError may escape") from None


def expect(mod, raw, **want):
    kind, got = parse(mod, raw)
    if kind == "error":
        raise Fail(f"parse_request({short(raw, 300)}) raised HTTPError({got}); expected it to succeed")
    if not isinstance(got, dict):
        raise Fail(f"parse_request({short(raw, 300)}) returned {short(got)}; expected a dict")
    for key, value in want.items():
        if key not in got:
            raise Fail(f"parse_request({short(raw, 300)}) returned no {key!r} key: {short(got, 400)}")
        if got[key] != value:
            raise Fail(f"parse_request({short(raw, 300)})[{key!r}] is {short(got[key], 300)}; expected {value!r}")
    return got


def expect_error(mod, raw, status, why):
    kind, got = parse(mod, raw)
    if kind == "ok":
        raise Fail(f"parse_request({short(raw, 300)}) succeeded; expected HTTPError({status}): {why}")
    if got != status:
        raise Fail(f"parse_request({short(raw, 300)}) raised HTTPError({got}); expected HTTPError({status}): {why}")


H = b"Host: example.com\r\n"


def run_request_line(tap, mod):
    tap.test("a simple GET", lambda: expect(
        mod, b"GET /index.html HTTP/1.1\r\n" + H + b"\r\n", method="GET", target="/index.html", path="/index.html",
        query={}, version="HTTP/1.1", headers={"host": "example.com"}, body=b""))
    tap.test("the path is percent-decoded, the query parsed", lambda: expect(
        mod, b"GET /caf%C3%A9/menu?q=a%20b&page=2&page=3&empty= HTTP/1.1\r\n" + H + b"\r\n",
        target="/caf%C3%A9/menu?q=a%20b&page=2&page=3&empty=", path="/caf\u00e9/menu",
        query={"q": ["a b"], "page": ["2", "3"], "empty": [""]}))
    tap.test("HTTP/1.0 needs no Host header", lambda: expect(
        mod, b"HEAD / HTTP/1.0\r\n\r\n", method="HEAD", version="HTTP/1.0", headers={}))
    tap.test("an extension method is a token too", lambda: expect(
        mod, b"PROPFIND /dav HTTP/1.1\r\n" + H + b"\r\n", method="PROPFIND"))
    tap.test("two spaces in the request line: 400", lambda: expect_error(
        mod, b"GET  / HTTP/1.1\r\n" + H + b"\r\n", 400, "parts are separated by single spaces"))
    tap.test("a missing version: 400", lambda: expect_error(
        mod, b"GET /\r\n" + H + b"\r\n", 400, "three parts are required"))
    tap.test("a lower-case version: 400", lambda: expect_error(
        mod, b"GET / http/1.1\r\n" + H + b"\r\n", 400, "the version is case-sensitive"))
    tap.test("an invalid character in the method: 400", lambda: expect_error(
        mod, b"GE(T / HTTP/1.1\r\n" + H + b"\r\n", 400, "the method must be a token"))
    tap.test("HTTP/2.0 over this parser: 505", lambda: expect_error(
        mod, b"GET / HTTP/2.0\r\n" + H + b"\r\n", 505, "only HTTP/1.0 and HTTP/1.1 are supported"))
    tap.test("no empty line after the headers: 400", lambda: expect_error(
        mod, b"GET / HTTP/1.1\r\n" + H, 400, "the header section is incomplete"))


def run_headers(tap, mod):
    tap.test("names are lower-cased, values trimmed", lambda: expect(
        mod, b"GET / HTTP/1.1\r\nHOST: example.com\r\nAccept:   text/html \t\r\nX-Empty:\r\n\r\n",
        headers={"host": "example.com", "accept": "text/html", "x-empty": ""}))
    tap.test("repeated fields are joined with ', '", lambda: expect(
        mod, b"GET / HTTP/1.1\r\n" + H + b"Accept: text/html\r\naccept: application/json\r\nACCEPT: */*\r\n\r\n",
        headers={"host": "example.com", "accept": "text/html, application/json, */*"}))
    tap.test("a colon inside the value is kept", lambda: expect(
        mod, b"GET / HTTP/1.1\r\nHost: example.com:8080\r\nReferer: http://a.example/x\r\n\r\n",
        headers={"host": "example.com:8080", "referer": "http://a.example/x"}))
    tap.test("whitespace before the colon: 400", lambda: expect_error(
        mod, b"GET / HTTP/1.1\r\nHost : example.com\r\n\r\n", 400, "no whitespace is allowed between name and colon"))
    tap.test("obsolete line folding: 400", lambda: expect_error(
        mod, b"GET / HTTP/1.1\r\n" + H + b"X-Long: part one\r\n  part two\r\n\r\n", 400, "obs-fold is rejected"))
    tap.test("a header line without a colon: 400", lambda: expect_error(
        mod, b"GET / HTTP/1.1\r\n" + H + b"NoColonHere\r\n\r\n", 400, "every field line needs a colon"))
    tap.test("HTTP/1.1 without Host: 400", lambda: expect_error(
        mod, b"GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", 400, "HTTP/1.1 requires Host"))
    tap.test("two Host headers: 400", lambda: expect_error(
        mod, b"GET / HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\n\r\n", 400, "exactly one Host"))


def run_body(tap, mod):
    tap.test("a Content-Length body", lambda: expect(
        mod, b"POST /f HTTP/1.1\r\n" + H + b"Content-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world",
        body=b"hello world"))
    tap.test("the body is exactly Content-Length bytes, the rest ignored", lambda: expect(
        mod, b"POST /f HTTP/1.1\r\n" + H + b"content-length: 5\r\n\r\nhelloGET / HTTP/1.1\r\n", body=b"hello"))
    tap.test("binary bodies are kept byte for byte", lambda: expect(
        mod, b"PUT /b HTTP/1.1\r\n" + H + b"Content-Length: 6\r\n\r\n\x00\xff\r\n\r\n", body=b"\x00\xff\r\n\r\n"))
    tap.test("no Content-Length and no Transfer-Encoding: empty body", lambda: expect(
        mod, b"POST /f HTTP/1.1\r\n" + H + b"\r\nignored", body=b""))
    tap.test("fewer bytes than Content-Length: 400", lambda: expect_error(
        mod, b"POST /f HTTP/1.1\r\n" + H + b"Content-Length: 10\r\n\r\nshort", 400, "the body is incomplete"))
    tap.test("a non-numeric Content-Length: 400", lambda: expect_error(
        mod, b"POST /f HTTP/1.1\r\n" + H + b"Content-Length: ten\r\n\r\n0123456789", 400, "digits only"))
    tap.test("a signed Content-Length: 400", lambda: expect_error(
        mod, b"POST /f HTTP/1.1\r\n" + H + b"Content-Length: +5\r\n\r\nhello", 400, "digits only"))
    tap.test("two different Content-Length values: 400", lambda: expect_error(
        mod, b"POST /f HTTP/1.1\r\n" + H + b"Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", 400,
        "conflicting lengths"))


def chunked(body, extra=b""):
    return b"POST /upload HTTP/1.1\r\n" + H + b"Transfer-Encoding: chunked\r\n" + extra + b"\r\n" + body


def run_chunked(tap, mod):
    tap.test("a chunked body is decoded", lambda: expect(
        mod, chunked(b"4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n"), body=b"Wikipedia",
        headers={"host": "example.com", "transfer-encoding": "chunked"}))
    tap.test("chunk extensions and upper-case hex sizes", lambda: expect(
        mod, chunked(b"A;name=value\r\n0123456789\r\n1a ; x\r\n" + b"z" * 26 + b"\r\n0;last\r\n\r\n"),
        body=b"0123456789" + b"z" * 26))
    tap.test("trailer fields are skipped", lambda: expect(
        mod, chunked(b"3\r\nabc\r\n0\r\nX-Checksum: 42\r\nX-Other: 1\r\n\r\n"), body=b"abc"))
    tap.test("CRLF inside chunk data is data", lambda: expect(
        mod, chunked(b"7\r\n\r\n0\r\n\r\n\r\n0\r\n\r\n"), body=b"\r\n0\r\n\r\n"))
    tap.test("Transfer-Encoding is case-insensitive", lambda: expect(
        mod, b"POST /u HTTP/1.1\r\n" + H + b"transfer-encoding: Chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n", body=b"ok"))
    tap.test("Transfer-Encoding with Content-Length: 400 (request smuggling)", lambda: expect_error(
        mod, chunked(b"0\r\n\r\n", extra=b"Content-Length: 5\r\n"), 400, "CL and TE together are ambiguous"))
    tap.test("an unsupported transfer coding: 501", lambda: expect_error(
        mod, b"POST /u HTTP/1.1\r\n" + H + b"Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501,
        "only chunked is supported"))
    tap.test("a chunk size that is not hex: 400", lambda: expect_error(
        mod, chunked(b"zz\r\nabc\r\n0\r\n\r\n"), 400, "invalid chunk size"))
    tap.test("chunk data not followed by CRLF: 400", lambda: expect_error(
        mod, chunked(b"3\r\nabcd\r\n0\r\n\r\n"), 400, "data must be followed by CRLF"))
    tap.test("a body that ends before the last chunk: 400", lambda: expect_error(
        mod, chunked(b"4\r\nWiki\r\n"), 400, "the chunked body is incomplete"))


def valid_requests(rng, n):
    out = []
    for _ in range(n):
        method = rng.choice(["GET", "POST", "PUT", "DELETE", "PATCH"])
        body = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 40)))
        lines = [f"{method} /p/{rng.randrange(100)}?a={rng.randrange(9)} HTTP/1.1", "Host: h.example",
                 f"X-Id: {rng.randrange(10**6)}"]
        if method != "GET" and rng.random() < 0.5:
            lines.append("Transfer-Encoding: chunked")
            wire, rest = b"", body
            while rest:
                k = rng.randrange(1, 10)
                wire += f"{len(rest[:k]):x}\r\n".encode() + rest[:k] + b"\r\n"
                rest = rest[k:]
            wire += b"0\r\n\r\n"
        else:
            lines.append(f"Content-Length: {len(body)}")
            wire = body
        out.append(("\r\n".join(lines) + "\r\n\r\n").encode() + wire)
        out[-1] = (out[-1], body)
    return out


def run_robust(tap, mod):
    rng = random.Random(4242)
    samples = valid_requests(rng, 200)

    def valid():
        for raw, body in samples:
            got = expect(mod, raw)
            if got.get("body") != body:
                raise Fail(f"parse_request({short(raw, 300)})['body'] is {short(got.get('body'))}; expected {body!r}")

    def damaged():
        for raw, _ in samples:
            for _ in range(15):
                b = bytearray(raw)
                op = rng.randrange(4)
                i = rng.randrange(len(b))
                if op == 0:
                    b[i] = rng.randrange(256)
                elif op == 1:
                    del b[i:i + rng.randrange(1, 8)]
                elif op == 2:
                    b[i:i] = rng.choice([b"\r\n", b":", b" ", b"\r", b"\n", b"\x00", b";", b"zz", b"\xff\xfe"])
                else:
                    b = b[:i]
                parse(mod, bytes(b))

    def extremes():
        for raw in (b"", b"\r\n\r\n", b" \r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/1.1\r\n\r\n",
                    b"\xff\xfe\xfd / HTTP/1.1\r\nHost: x\r\n\r\n", chunked(b"ffffffffffffffffffff\r\n"),
                    chunked(b"-1\r\nx\r\n0\r\n\r\n"), chunked(b"0x3\r\nabc\r\n0\r\n\r\n"),
                    b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n"):
            parse(mod, raw)
        expect_error(mod, chunked(b"-1\r\nx\r\n0\r\n\r\n"), 400, "a negative size is not hex digits")
        expect_error(mod, chunked(b"0x3\r\nabc\r\n0\r\n\r\n"), 400, "'0x' is not part of a chunk size")
        expect(mod, b"POST / HTTP/1.1\r\n" + H + b"Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc", body=b"abc")

    tap.test("200 random valid requests parse correctly", valid)
    tap.test("3000 damaged requests raise nothing but HTTPError", damaged)
    tap.test("empty, absurd and hostile inputs are handled", extremes)


MODES = {"request-line": (10, run_request_line), "headers": (8, run_headers), "body": (8, run_body),
         "chunked": (10, run_chunked), "robust": (3, run_robust)}


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in MODES:
        print(f"usage: check_parse.py {'|'.join(MODES)}", file=sys.stderr)
        sys.exit(2)
    plan, fn = MODES[mode]
    tap = Tap(plan)
    mod = tap.load("httpparse")
    if mod is not None and tap.need(mod, "parse_request", "HTTPError"):
        fn(tap, mod)
    tap.finish()


main()
