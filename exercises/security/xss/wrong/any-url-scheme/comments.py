"""Mistake: everything is escaped, but javascript: URLs are let through."""
import html
import json


def render_comment(author, website, body):
    name = html.escape(author)
    url = html.escape(website.strip()) or "#"
    text = html.escape(body.replace("\r\n", "\n")).replace("\n", "<br>")
    return (
        f'<article class="comment" data-author="{name}">\n'
        f'<h3><a href="{url}" rel="nofollow">{name}</a></h3>\n'
        f"<p>{text}</p>\n"
        f"</article>"
    )


def json_script(data, element_id):
    payload = json.dumps(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{html.escape(element_id)}">{payload}</script>'
