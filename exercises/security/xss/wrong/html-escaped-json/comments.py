"""Mistake: HTML-escapes the JSON inside <script>, where entities are not decoded."""
import html
import json


def _safe_url(website):
    url = website.strip()
    return url if url.lower().startswith(("http://", "https://")) else "#"


def render_comment(author, website, body):
    name = html.escape(author)
    url = html.escape(_safe_url(website))
    text = html.escape(body.replace("\r\n", "\n")).replace("\n", "<br>")
    return (
        f'<article class="comment" data-author="{name}">\n'
        f'<h3><a href="{url}" rel="nofollow">{name}</a></h3>\n'
        f"<p>{text}</p>\n"
        f"</article>"
    )


def json_script(data, element_id):
    return (f'<script type="application/json" id="{html.escape(element_id)}">'
            f"{html.escape(json.dumps(data))}</script>")
