"""Comment rendering for the blog, with output encoded for each context."""
import html
import json

_ALLOWED_PREFIXES = ("http://", "https://")

# JSON inside <script>: escape the characters that could end the element or
# start a comment, using JSON's own \uXXXX escapes (the HTML parser does not
# decode entities inside <script>).
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def _safe_url(website):
    url = website.strip()
    if url.lower().startswith(_ALLOWED_PREFIXES):
        return url
    return "#"


def render_comment(author, website, body):
    name = html.escape(author, quote=True)
    url = html.escape(_safe_url(website), quote=True)
    text = html.escape(body.replace("\r\n", "\n"), quote=True).replace("\n", "<br>")
    return (
        f'<article class="comment" data-author="{name}">\n'
        f'<h3><a href="{url}" rel="nofollow">{name}</a></h3>\n'
        f"<p>{text}</p>\n"
        f"</article>"
    )


def json_script(data, element_id):
    payload = json.dumps(data).translate(_JSON_SCRIPT_ESCAPES)
    return (
        f'<script type="application/json" id="{html.escape(element_id, quote=True)}">'
        f"{payload}</script>"
    )
