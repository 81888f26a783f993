"""Checks for comments.py (XSS). Usage: check_comments.py text|attribute|url|json|fuzz"""
import json
import os
import random
import sys
from html.parser import HTMLParser

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, call, short  # noqa: E402


class Tokens(HTMLParser):
    """Records what a browser's tokenizer would see: tags, attributes, text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.events = []

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, tuple(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.events.append(("start", tag, tuple(attrs)))

    def handle_endtag(self, tag):
        self.events.append(("end", tag))

    def handle_data(self, data):
        if not data:
            return
        if self.events and self.events[-1][0] == "data":
            self.events[-1] = ("data", self.events[-1][1] + data)
        else:
            self.events.append(("data", data))

    def handle_comment(self, data):
        self.events.append(("comment", data))

    def handle_decl(self, decl):
        self.events.append(("decl", decl))

    def handle_pi(self, data):
        self.events.append(("pi", data))

    def unknown_decl(self, data):
        self.events.append(("decl", data))


def tokens(markup):
    parser = Tokens()
    parser.feed(markup)
    parser.close()
    return parser.events


def intended_url(website):
    url = website.strip()
    return url if url.lower().startswith(("http://", "https://")) else "#"


def intended_comment(author, website, body):
    ev = [("start", "article", (("class", "comment"), ("data-author", author))), ("data", "\n"),
          ("start", "h3", ()), ("start", "a", (("href", intended_url(website)), ("rel", "nofollow")))]
    if author:
        ev.append(("data", author))
    ev += [("end", "a"), ("end", "h3"), ("data", "\n"), ("start", "p", ())]
    for i, line in enumerate(body.replace("\r\n", "\n").split("\n")):
        if i:
            ev.append(("start", "br", ()))
        if line:
            ev.append(("data", line))
    ev += [("end", "p"), ("data", "\n"), ("end", "article")]
    return ev


def describe(ev):
    kind = ev[0]
    if kind == "start":
        attrs = "".join(f" {k}={v!r}" for k, v in ev[2])
        return f"<{ev[1]}{attrs}>"
    if kind == "end":
        return f"</{ev[1]}>"
    return f"{kind} {ev[1]!r}"


def first_difference(got, want):
    for i in range(max(len(got), len(want))):
        g = describe(got[i]) if i < len(got) else "(end of output)"
        w = describe(want[i]) if i < len(want) else "(end of output)"
        if g != w:
            return f"a browser would see {g} where {w} was intended (token {i + 1})"
    return "identical"


def render(mod, author, website, body):
    label = f"render_comment({author!r}, {website!r}, {body!r})"
    out = call(mod.render_comment, author, website, body, label=label)
    if type(out) is not str:
        raise Fail(f"{label} must return a str, got {short(out)}")
    return label, out


def expect_exact(mod, args, want):
    label, out = render(mod, *args)
    if out != want:
        raise Fail(f"{label} returned\n{out}\nexpected exactly\n{want}")


def expect_safe(mod, author, website, body, quotes=False):
    label, out = render(mod, author, website, body)
    want = intended_comment(author, website, body)
    got = tokens(out)
    if got != want:
        raise Fail(f"{label} returned\n{out}\n{first_difference(got, want)}")
    if quotes:
        if "'" in out:
            raise Fail(f"{label} returned\n{out}\nwhich contains a raw ' : encode ' as &#x27; or &#39; "
                       "(an attribute quoted with ' would be broken out of)")
        if out.count('"') != 8:
            raise Fail(f"{label} returned\n{out}\nwhich contains a raw \" from the input: encode it as &quot;")


def fresh_rng():
    """A generator seeded at check time, so the random cases cannot be known in advance."""
    return random.Random(int.from_bytes(os.urandom(8), "big"))


def random_cases(kind, n=40):
    rng = fresh_rng()
    out = []
    for _ in range(n):
        author, body = random_text(rng, 12), random_text(rng, 20)
        if kind == "url":
            scheme = rng.choice(["javascript:", "JavaScript:", "data:", "vbscript:", "//", "/", "http:", "",
                                 "http://", "https://", "HTTP://", "hTTpS://", "java\tscript:", " \n"])
            website = rng.choice(["", " ", "\t"]) + scheme + random_text(rng, 10) + rng.choice(["", " ", "\n"])
        else:
            website = rng.choice(["http://", "https://"]) + random_text(rng, 10)
        out.append((author, website, body))
    return out


def run_text(tap, mod):
    tap.test("a plain comment is rendered in exactly the required format",
             lambda: expect_exact(mod, ("Ann", "https://ann.example/blog", "Hi!"),
                                  '<article class="comment" data-author="Ann">\n'
                                  '<h3><a href="https://ann.example/blog" rel="nofollow">Ann</a></h3>\n'
                                  '<p>Hi!</p>\n</article>'))
    tap.test("a <script> element in the body is shown as text",
             lambda: expect_safe(mod, "eve", "https://eve.example", "<script>alert(document.cookie)</script>"))
    tap.test("an <img onerror=...> in the body is shown as text",
             lambda: expect_safe(mod, "eve", "https://eve.example", 'nice <img src=x onerror="alert(1)"> post'))
    tap.test("markup in the author name is shown as text",
             lambda: expect_safe(mod, "<b>bold</b> & <i>co</i>", "https://eve.example", "hello"))
    tap.test("entities typed by the user are shown literally (& is encoded)",
             lambda: expect_safe(mod, "amp", "https://a.example", "&amp; is how you write &, and &lt; is <"))
    tap.test("line breaks (\\n and \\r\\n) become <br>, a typed '<br>' stays text",
             lambda: expect_safe(mod, "ann", "https://a.example", "one\r\ntwo\nthree <br> four\n"))
    tap.test("40 random names and bodies (new every run) are shown as text",
             lambda: [expect_safe(mod, a, w, b) for a, w, b in random_cases("text")])


def run_attribute(tap, mod):
    tap.test('a " in the author cannot add an attribute (onmouseover)',
             lambda: expect_safe(mod, 'x" onmouseover="alert(1)', "https://a.example", "hi", quotes=True))
    tap.test("a ' in the author is encoded too",
             lambda: expect_safe(mod, "x' autofocus onfocus='alert(1)", "https://a.example", "hi", quotes=True))
    tap.test('a "> in the author cannot close the tag',
             lambda: expect_safe(mod, '"><script>alert(1)</script>', "https://a.example", "hi", quotes=True))
    tap.test("quotes in an allowed http(s) URL are encoded",
             lambda: expect_safe(mod, "ann", 'https://a.example/" onclick="alert(1)', "hi", quotes=True))
    tap.test("& and < in an allowed URL are encoded",
             lambda: expect_safe(mod, "ann", "https://a.example/?a=1&b=<2>&c='3'", "hi", quotes=True))
    tap.test("40 random names and URLs full of quotes (new every run) stay inside their attributes",
             lambda: [expect_safe(mod, a, w, b, quotes=True) for a, w, b in random_cases("attribute")])


URL_CASES = [
    ("javascript: URL is refused", "javascript:alert(1)"),
    ("mixed-case JavaScript: URL is refused", "JaVaScRiPt:alert(document.cookie)"),
    ("leading whitespace before javascript: is refused", "  \n javascript:alert(1)"),
    ("a tab inside the scheme (java\\tscript:) is refused", "java\tscript:alert(1)"),
    ("data: URL is refused", "data:text/html,<script>alert(1)</script>"),
    ("vbscript: URL is refused", "vbscript:msgbox(1)"),
    ("protocol-relative //host is refused", "//evil.example/x"),
    ("relative path is refused", "/profile/ann"),
    ("empty website is refused", ""),
    ("'http:' without // is refused", "http:evil.example"),
    ("HTTPS:// in upper case is allowed", "HTTPS://ANN.EXAMPLE/"),
    ("surrounding whitespace is stripped from an allowed URL", "  http://ann.example/home \t"),
]


def run_url(tap, mod):
    for desc, website in URL_CASES:
        tap.test(desc, lambda w=website: expect_safe(mod, "ann", w, "hi", quotes=True))
    tap.test("40 random web sites (new every run): only http(s) URLs are kept",
             lambda: [expect_safe(mod, a, w, b, quotes=True) for a, w, b in random_cases("url")])


def expect_json(mod, data, element_id, exact=None):
    label = f"json_script({short(data, 120)}, {element_id!r})"
    out = call(mod.json_script, data, element_id, label=label)
    if not isinstance(out, str):
        raise Fail(f"{label} must return a str, got {short(out)}")
    if exact is not None and out != exact:
        raise Fail(f"{label} returned\n{out}\nexpected exactly\n{exact}")
    got = tokens(out)
    head = ("start", "script", (("type", "application/json"), ("id", element_id)))
    if len(got) != 3 or got[0] != head or got[1][0] != "data" or got[2] != ("end", "script"):
        shown = ", ".join(describe(e) for e in got[:6])
        raise Fail(f"{label} returned\n{out}\na browser would see: {shown}\n"
                   f"expected exactly one <script type=\"application/json\" id={element_id!r}> element")
    raw = got[1][1]
    bad = sorted({c for c in raw if c in "<>&"})
    if bad:
        raise Fail(f"{label} returned\n{out}\nthe script contents contain {''.join(bad)!r}; "
                   "replace < > & with \\u003c \\u003e \\u0026")
    try:
        back = json.loads(raw)
    except ValueError as exc:
        raise Fail(f"{label} returned\n{out}\nthe script contents are not valid JSON ({exc}); "
                   "do not HTML-escape inside <script>") from None
    if back != data:
        raise Fail(f"{label}: JSON.parse of the script contents gives {short(back)}, expected {short(data)}")


def run_json(tap, mod):
    tap.test("plain data is embedded exactly as required",
             lambda: expect_json(mod, {"a": [1, 2], "b": "x"}, "page-data",
                                 exact='<script type="application/json" id="page-data">{"a": [1, 2], "b": "x"}</script>'))
    tap.test("a string containing </script> cannot end the element",
             lambda: expect_json(mod, {"q": "</script><script>alert(1)</script>"}, "page-data"))
    tap.test("<!-- and & inside strings are escaped and still valid JSON",
             lambda: expect_json(mod, ["<!--", "a & b", "5 > 3", 'say "hi"'], "d"))
    tap.test("non-ASCII text survives the round trip",
             lambda: expect_json(mod, {"name": "Zoë", "emoji": "\u2603", "sep": "\u2028"}, "d"))
    tap.test("quotes in the element id are encoded",
             lambda: expect_json(mod, {"a": 1}, 'x" onload="alert(1)'))
    tap.test("30 random JSON values (new every run) embed safely",
             lambda: [expect_json(mod, {"a": a, "b": [w, 1, None, {"c": b}]}, a or "x")
                      for a, w, b in random_cases("attribute", 30)])


ALPHABET = list("<>&\"'=/;:\n\r\t !") + list("abcXYZ019") + ["script", "javascript:", "http://", "https://",
                                                             "&amp;", "&#39;", "<br>", "-->", "\u00e9", "\u2603"]


def random_text(rng, n):
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, n)))


def run_fuzz(tap, mod):
    seed = int.from_bytes(os.urandom(8), "big")  # new cases every run: they cannot be hard-coded
    print(f"# random seed {seed}", file=sys.stderr)
    rng = random.Random(seed)
    cases = [(random_text(rng, 12), rng.choice(["", " ", "http://", "https://", "HTTP://"]) + random_text(rng, 10),
              random_text(rng, 20)) for _ in range(300)]

    def comments():
        for a, w, b in cases:
            expect_safe(mod, a, w, b, quotes=True)

    def scripts():
        for a, _w, b in cases[:150]:
            expect_json(mod, {"a": a, "b": [b, 1, None]}, a or "x")

    tap.test("300 random comments render safely", comments)
    tap.test("150 random JSON blocks embed safely", scripts)
    tap.test("an author of only quotes is fully encoded",
             lambda: expect_safe(mod, "\"'\"'", "https://a.example/'\"", "'\"", quotes=True))
    tap.test("a lone \\r is kept as text, not a line break",
             lambda: expect_safe(mod, "ann", "https://a.example", "a\rb\r\n"))


MODES = {"text": (7, run_text), "attribute": (6, run_attribute), "url": (len(URL_CASES) + 1, run_url),
         "json": (6, run_json), "fuzz": (4, run_fuzz)}


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in MODES:
        print(f"usage: check_comments.py {'|'.join(MODES)}", file=sys.stderr)
        sys.exit(2)
    plan, fn = MODES[mode]
    tap = Tap(plan)
    mod = tap.load("comments")
    if mod is not None:
        needed = ("json_script",) if mode == "json" else ("render_comment", "json_script") if mode == "fuzz" else ("render_comment",)
        if tap.need(mod, *needed):
            fn(tap, mod)
    tap.finish()


main()
