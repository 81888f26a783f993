"""Comment rendering for the blog.

WARNING: user data goes into the HTML unencoded (see prompt.md).
"""
import json


def render_comment(author, website, body):
    body = body.replace("\r\n", "\n").replace("\n", "<br>")
    return (
        f'<article class="comment" data-author="{author}">\n'
        f'<h3><a href="{website.strip()}" rel="nofollow">{author}</a></h3>\n'
        f"<p>{body}</p>\n"
        f"</article>"
    )


def json_script(data, element_id):
    return f'<script type="application/json" id="{element_id}">{json.dumps(data)}</script>'
