"""Checks for httpparse.py. Usage: check_parse.py request-line|headers|body|chunked|robust"""
import os
import random
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, short, describe  # noqa: E402

# The learner's module runs in a child process (tests/isolate.py); _inside.parse reports
# ("ok", result), ("error", status) or ("raised", name, message) as plain data.
# Hosts, paths, values and bodies are new in every run, so answers cannot be looked up.
RNG = random.SystemRandom()
WORDS = ["alpha", "birch", "cedar", "delta", "ember", "fjord", "grove", "harbor", "iris", "juniper", "kelp",
         "lumen", "maple", "nectar", "onyx", "pebble", "quartz", "raven", "sierra", "tundra", "umber", "vale"]


def word():
    return RNG.choice(WORDS) + str(RNG.randrange(10, 1000))


def blob(n):
    return bytes(RNG.randrange(256) for _ in range(n))


def text(n):
    return "".join(RNG.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(n)).encode()


CHILD = []


def _outcome(res, raw):
    if type(res) is not tuple or not res or res[0] not in ("ok", "error", "raised"):
        raise Fail(f"parse_request({short(raw, 300)}) could not be run")
    if res[0] == "raised":
        raise Fail(f"parse_request({short(raw, 300)}) raised {res[1]}: {res[2] if len(res) > 2 else ''}; "
                   "only HTTPError may escape")
    return res[0], res[1]


def parse(mod, raw):
    return _outcome(CHILD[0].helper("parse", raw), raw)


def parse_many(raws):
    res = CHILD[0].helper("parse_many", list(raws))
    if type(res) is not list or len(res) != len(raws):
        raise Fail("parse_request could not be run on the batch of requests")
    return [_outcome(r, raw) for r, raw in zip(res, raws)]


def expect(mod, raw, **want):
    kind, got = parse(mod, raw)
    if kind == "error":
        raise Fail(f"parse_request({short(raw, 300)}) raised HTTPError({got}); expected it to succeed")
    if type(got) is not dict:
        raise Fail(f"parse_request({short(raw, 300)}) returned {describe(got)}; expected a dict")
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


HOST = f"{word()}.example"
H = f"Host: {HOST}\r\n".encode()


def run_request_line(tap, mod):
    page = f"/{word()}.html"
    q1, q2, p1, p2 = word(), word(), RNG.randrange(1, 99), RNG.randrange(100, 999)
    ext = RNG.choice(["PROPFIND", "MKCOL", "LINK", "PURGE", "X-" + word().upper()])
    tap.test("a simple GET", lambda: expect(
        mod, f"GET {page} HTTP/1.1\r\n".encode() + H + b"\r\n", method="GET", target=page, path=page,
        query={}, version="HTTP/1.1", headers={"host": HOST}, body=b""))
    target = f"/caf%C3%A9/{q1}?q={q1}%20{q2}&page={p1}&page={p2}&empty="
    tap.test("the path is percent-decoded, the query parsed", lambda: expect(
        mod, f"GET {target} HTTP/1.1\r\n".encode() + H + b"\r\n",
        target=target, path=f"/caf\u00e9/{q1}",
        query={"q": [f"{q1} {q2}"], "page": [str(p1), str(p2)], "empty": [""]}))
    tap.test("HTTP/1.0 needs no Host header", lambda: expect(
        mod, f"HEAD {page} HTTP/1.0\r\n\r\n".encode(), method="HEAD", path=page, version="HTTP/1.0", headers={}))
    tap.test("an extension method is a token too", lambda: expect(
        mod, f"{ext} /dav HTTP/1.1\r\n".encode() + H + b"\r\n", method=ext))
    tap.test("two spaces in the request line: 400", lambda: expect_error(
        mod, f"GET  {page} HTTP/1.1\r\n".encode() + H + b"\r\n", 400, "parts are separated by single spaces"))
    tap.test("a missing version: 400", lambda: expect_error(
        mod, f"GET {page}\r\n".encode() + H + b"\r\n", 400, "three parts are required"))
    tap.test("a lower-case version: 400", lambda: expect_error(
        mod, f"GET {page} http/1.1\r\n".encode() + H + b"\r\n", 400, "the version is case-sensitive"))
    tap.test("an invalid character in the method: 400", lambda: expect_error(
        mod, f"GE{RNG.choice('()<>@,;:/[]?={}')}T {page} HTTP/1.1\r\n".encode() + H + b"\r\n", 400,
        "the method must be a token"))
    tap.test("HTTP/2.0 over this parser: 505", lambda: expect_error(
        mod, f"GET {page} HTTP/{RNG.choice(['2.0', '3.0', '1.2', '0.9'])}\r\n".encode() + H + b"\r\n", 505,
        "only HTTP/1.0 and HTTP/1.1 are supported"))
    tap.test("no empty line after the headers: 400", lambda: expect_error(
        mod, f"GET {page} HTTP/1.1\r\n".encode() + H, 400, "the header section is incomplete"))


def run_headers(tap, mod):
    a1, a2, v = f"text/{word()}", f"application/{word()}", word()
    port = RNG.randrange(1024, 65536)
    tap.test("names are lower-cased, values trimmed", lambda: expect(
        mod, f"GET / HTTP/1.1\r\nHOST: {HOST}\r\nAccept:   {a1} \t\r\nX-{v}:\r\n\r\n".encode(),
        headers={"host": HOST, "accept": a1, f"x-{v}": ""}))
    tap.test("repeated fields are joined with ', '", lambda: expect(
        mod, b"GET / HTTP/1.1\r\n" + H + f"Accept: {a1}\r\naccept: {a2}\r\nACCEPT: */*\r\n\r\n".encode(),
        headers={"host": HOST, "accept": f"{a1}, {a2}, */*"}))
    tap.test("a colon inside the value is kept", lambda: expect(
        mod, f"GET / HTTP/1.1\r\nHost: {HOST}:{port}\r\nReferer: http://a.example/{v}\r\n\r\n".encode(),
        headers={"host": f"{HOST}:{port}", "referer": f"http://a.example/{v}"}))
    tap.test("whitespace before the colon: 400", lambda: expect_error(
        mod, f"GET / HTTP/1.1\r\nHost{RNG.choice([' ', chr(9), '  '])}: {HOST}\r\n\r\n".encode(), 400,
        "no whitespace is allowed between name and colon"))
    tap.test("obsolete line folding: 400", lambda: expect_error(
        mod, b"GET / HTTP/1.1\r\n" + H + f"X-Long: {v}\r\n{RNG.choice([' ', chr(9)])} {word()}\r\n\r\n".encode(),
        400, "obs-fold is rejected"))
    tap.test("a header line without a colon: 400", lambda: expect_error(
        mod, b"GET / HTTP/1.1\r\n" + H + f"NoColon{v}\r\n\r\n".encode(), 400, "every field line needs a colon"))
    tap.test("HTTP/1.1 without Host: 400", lambda: expect_error(
        mod, f"GET / HTTP/1.1\r\nAccept: {a1}\r\n\r\n".encode(), 400, "HTTP/1.1 requires Host"))
    tap.test("two Host headers: 400", lambda: expect_error(
        mod, f"GET / HTTP/1.1\r\nHost: {HOST}\r\nhost: {word()}.example\r\n\r\n".encode(), 400, "exactly one Host"))


def run_body(tap, mod):
    t1 = text(RNG.randrange(5, 40))
    b1 = blob(RNG.randrange(4, 30)) + b"\r\n\r\n"
    tap.test("a Content-Length body", lambda: expect(
        mod, b"POST /f HTTP/1.1\r\n" + H + b"Content-Type: text/plain\r\nContent-Length: %d\r\n\r\n" % len(t1) + t1,
        body=t1))
    t2 = t1[:RNG.randrange(1, len(t1))]
    tap.test("the body is exactly Content-Length bytes, the rest ignored", lambda: expect(
        mod, b"POST /f HTTP/1.1\r\n" + H + b"content-length: %d\r\n\r\n" % len(t2) + t1 + b"GET / HTTP/1.1\r\n",
        body=t2))
    tap.test("binary bodies are kept byte for byte", lambda: expect(
        mod, b"PUT /b HTTP/1.1\r\n" + H + b"Content-Length: %d\r\n\r\n" % len(b1) + b1, body=b1))
    tap.test("no Content-Length and no Transfer-Encoding: empty body", lambda: expect(
        mod, b"POST /f HTTP/1.1\r\n" + H + b"\r\n" + t1, body=b""))
    tap.test("fewer bytes than Content-Length: 400", lambda: expect_error(
        mod, b"POST /f HTTP/1.1\r\n" + H + b"Content-Length: %d\r\n\r\n" % (len(t1) + RNG.randrange(1, 9)) + t1,
        400, "the body is incomplete"))
    tap.test("a non-numeric Content-Length: 400", lambda: expect_error(
        mod, b"POST /f HTTP/1.1\r\n" + H + b"Content-Length: %s\r\n\r\n" % RNG.choice([b"ten", b"0x0a", b"1e1", b"10.0"])
        + b"0123456789", 400, "digits only"))
    tap.test("a signed Content-Length: 400", lambda: expect_error(
        mod, b"POST /f HTTP/1.1\r\n" + H + b"Content-Length: %s%d\r\n\r\n" % (RNG.choice([b"+", b"-"]), len(t1)) + t1,
        400, "digits only"))
    n = len(t1)
    tap.test("two different Content-Length values: 400", lambda: expect_error(
        mod, b"POST /f HTTP/1.1\r\n" + H + b"Content-Length: %d\r\nContent-Length: %d\r\n\r\n" % (n, n + 1) + t1 + b"!",
        400, "conflicting lengths"))


def chunked(body, extra=b""):
    return b"POST /upload HTTP/1.1\r\n" + H + b"Transfer-Encoding: chunked\r\n" + extra + b"\r\n" + body


def encode_chunks(data, upper=False, ext=False):
    """data in chunks of random sizes, the way a client would send it."""
    wire, rest = b"", data
    while rest:
        k = RNG.randrange(1, 30)
        size = f"{len(rest[:k]):X}" if upper else f"{len(rest[:k]):x}"
        wire += size.encode() + (b";name=" + text(3) if ext and RNG.random() < 0.5 else b"") + b"\r\n"
        wire += rest[:k] + b"\r\n"
        rest = rest[k:]
    return wire + (b"0;last\r\n\r\n" if ext else b"0\r\n\r\n")


def run_chunked(tap, mod):
    d1, d2 = text(RNG.randrange(20, 60)), blob(RNG.randrange(30, 80))
    tap.test("a chunked body is decoded", lambda: expect(
        mod, chunked(encode_chunks(d1)), body=d1, headers={"host": HOST, "transfer-encoding": "chunked"}))
    tap.test("chunk extensions and upper-case hex sizes", lambda: expect(
        mod, chunked(b"A;name=value\r\n0123456789\r\n1a ; x\r\n" + b"z" * 26 + b"\r\n" + encode_chunks(d2, True, True)),
        body=b"0123456789" + b"z" * 26 + d2))
    tap.test("trailer fields are skipped", lambda: expect(
        mod, chunked(encode_chunks(d1)[:-2] + f"X-Checksum: {RNG.randrange(10**6)}\r\nX-{word()}: 1\r\n\r\n".encode()),
        body=d1))
    tap.test("CRLF inside chunk data is data", lambda: expect(
        mod, chunked(b"7\r\n\r\n0\r\n\r\n\r\n" + encode_chunks(d1)), body=b"\r\n0\r\n\r\n" + d1))
    tap.test("Transfer-Encoding is case-insensitive", lambda: expect(
        mod, b"POST /u HTTP/1.1\r\n" + H + b"transfer-encoding: %s\r\n\r\n" % RNG.choice([b"Chunked", b"CHUNKED", b"chunKed"])
        + encode_chunks(d1), body=d1))
    tap.test("Transfer-Encoding with Content-Length: 400 (request smuggling)", lambda: expect_error(
        mod, chunked(encode_chunks(d1), extra=b"Content-Length: %d\r\n" % len(d1)), 400, "CL and TE together are ambiguous"))
    tap.test("an unsupported transfer coding: 501", lambda: expect_error(
        mod, b"POST /u HTTP/1.1\r\n" + H + b"Transfer-Encoding: %s\r\n\r\n" % RNG.choice(
            [b"gzip, chunked", b"identity", b"deflate", b"chunked, gzip"]) + encode_chunks(d1), 501,
        "only chunked is supported"))
    tap.test("a chunk size that is not hex: 400", lambda: expect_error(
        mod, chunked(RNG.choice([b"zz", b"g", b"1x", b"?"]) + b"\r\n" + d1[:3] + b"\r\n0\r\n\r\n"), 400, "invalid chunk size"))
    tap.test("chunk data not followed by CRLF: 400", lambda: expect_error(
        mod, chunked(b"%x\r\n" % (len(d1) - 1) + d1 + b"\r\n0\r\n\r\n"), 400, "data must be followed by CRLF"))
    tap.test("a body that ends before the last chunk: 400", lambda: expect_error(
        mod, chunked(encode_chunks(d1)[:-5]), 400, "the chunked body is incomplete"))


def valid_requests(rng, n):
    out = []
    for _ in range(n):
        method = rng.choice(["GET", "POST", "PUT", "DELETE", "PATCH"])
        body = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 40)))
        lines = [f"{method} /p/{rng.randrange(100)}?a={rng.randrange(9)} HTTP/1.1", f"Host: {HOST}",
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


def check_valid(raw, body, kind, got):
    if kind == "error":
        raise Fail(f"parse_request({short(raw, 300)}) raised HTTPError({got}); expected it to succeed")
    if type(got) is not dict or got.get("body") != body:
        shown = short(got.get("body")) if type(got) is dict else short(got)
        raise Fail(f"parse_request({short(raw, 300)})['body'] is {shown}; expected {body!r}")


def run_robust(tap, mod):
    rng = random.Random(RNG.randrange(2 ** 32))  # new requests every run
    samples = valid_requests(rng, 200)

    def valid():
        for (raw, body), (kind, got) in zip(samples, parse_many([raw for raw, _ in samples])):
            check_valid(raw, body, kind, got)

    def damaged():
        batch = []
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
                batch.append(bytes(b))
        for i in range(0, len(batch), 500):
            parse_many(batch[i:i + 500])

    def extremes():
        parse_many([b"", b"\r\n\r\n", b" \r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/1.1\r\n\r\n",
                    b"\xff\xfe\xfd / HTTP/1.1\r\nHost: x\r\n\r\n", chunked(b"ffffffffffffffffffff\r\n"),
                    chunked(b"-1\r\nx\r\n0\r\n\r\n"), chunked(b"0x3\r\nabc\r\n0\r\n\r\n"),
                    b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n"])
        expect_error(mod, chunked(b"-1\r\nx\r\n0\r\n\r\n"), 400, "a negative size is not hex digits")
        expect_error(mod, chunked(b"0x3\r\nabc\r\n0\r\n\r\n"), 400, "'0x' is not part of a chunk size")
        t = text(RNG.randrange(3, 20))
        expect(mod, b"POST / HTTP/1.1\r\n" + H + b"Content-Length: %d\r\nContent-Length: %d\r\n\r\n" % (len(t), len(t))
               + t + b"tail", body=t)

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
    tap = Tap(plan)  # the plan is out before any of the learner's code runs
    child = tap.start("httpparse", ["parse_request", "HTTPError"], helpers="_inside.py", budget=5.0)
    if child is not None:
        CHILD.append(child)
        fn(tap, child.module)
    tap.finish()


main()
