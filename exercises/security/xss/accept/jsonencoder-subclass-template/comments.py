"""Comment rendering for the blog (alternative: string.Template for the
markup, html.escape for text and attributes, a regex allow-list for the
scheme, and a json.JSONEncoder subclass that escapes <, > and & itself)."""
import html
import json
import re
from string import Template

_SAFE_SCHEME = re.compile(r"https?://", re.IGNORECASE | re.ASCII)

_COMMENT = Template(
    '<article class="comment" data-author="$author">\n'
    '<h3><a href="$href" rel="nofollow">$author</a></h3>\n'
    "<p>$body</p>\n"
    "</article>"
)
_SCRIPT = Template('<script type="application/json" id="$id">$json</script>')


class ScriptSafeEncoder(json.JSONEncoder):
    """Default json.dumps output, with <, > and & written as \\u escapes."""

    _TABLE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})

    def encode(self, o):
        return super().encode(o).translate(self._TABLE)

    def iterencode(self, o, _one_shot=False):
        for chunk in super().iterencode(o, _one_shot):
            yield chunk.translate(self._TABLE)


def _attr(value):
    return html.escape(value, quote=True)


def _href(website):
    url = website.strip()
    return _attr(url) if _SAFE_SCHEME.match(url) else "#"


def render_comment(author, website, body):
    text = html.escape(body.replace("\r\n", "\n"), quote=True).replace("\n", "<br>")
    return _COMMENT.substitute(author=_attr(author), href=_href(website), body=text)


def json_script(data, element_id):
    return _SCRIPT.substitute(id=_attr(element_id), json=json.dumps(data, cls=ScriptSafeEncoder))
