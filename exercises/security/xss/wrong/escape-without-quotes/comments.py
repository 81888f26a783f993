"""Mistake: escapes < > & but not quotes, so attributes can be broken out of."""
import html
import json


def _safe_url(website):
    url = website.strip()
    return url if url.lower().startswith(("http://", "https://")) else "#"


def render_comment(author, website, body):
    name = html.escape(author, quote=False)
    url = html.escape(_safe_url(website), quote=False)
    text = html.escape(body.replace("\r\n", "\n"), quote=False).replace("\n", "<br>")
    return (
        f'<article class="comment" data-author="{name}">\n'
        f'<h3><a href="{url}" rel="nofollow">{name}</a></h3>\n'
        f"<p>{text}</p>\n"
        f"</article>"
    )


def json_script(data, element_id):
    payload = json.dumps(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{html.escape(element_id, quote=False)}">{payload}</script>'
