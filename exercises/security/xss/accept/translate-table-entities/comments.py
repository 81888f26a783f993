"""Comment rendering for the blog (alternative: one str.translate table that
emits numeric character references, usable in text and quoted attributes)."""
import json

# &, <, >, " and ' as decimal character references: valid in element text
# and inside double- or single-quoted attribute values.
_HTML_REFS = str.maketrans({
    "&": "&#38;",
    "<": "&#60;",
    ">": "&#62;",
    '"': "&#34;",
    "'": "&#39;",
})

_SCRIPT_SAFE = str.maketrans({
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
})

_ALLOWED_SCHEMES = ("http://", "https://")

_TEMPLATE = (
    '<article class="comment" data-author="{author}">\n'
    '<h3><a href="{url}" rel="nofollow">{author}</a></h3>\n'
    "<p>{body}</p>\n"
    "</article>"
)


def encode_html(value):
    return str(value).translate(_HTML_REFS)


def safe_href(website):
    candidate = website.strip()
    if candidate.lower().startswith(_ALLOWED_SCHEMES):
        return encode_html(candidate)
    return "#"


def encode_body(body):
    lines = body.replace("\r\n", "\n").split("\n")
    return "<br>".join(encode_html(line) for line in lines)


def render_comment(author, website, body):
    return _TEMPLATE.format(
        author=encode_html(author),
        url=safe_href(website),
        body=encode_body(body),
    )


def json_script(data, element_id):
    payload = json.dumps(data).translate(_SCRIPT_SAFE)
    return '<script type="application/json" id="%s">%s</script>' % (encode_html(element_id), payload)
