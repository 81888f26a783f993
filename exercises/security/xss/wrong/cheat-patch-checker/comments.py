# CHEAT (kept as a wrong solution so validate proves it fails): reach into the
# checker from the learner's module and make every test point report "ok".
import gc as _gc
import sys as _sys


def _patch():
    for obj in list(_gc.get_objects()):
        if isinstance(obj, type) and obj.__name__ == "Tap":
            for name in ("_point", "_emit", "ok"):
                original = obj.__dict__.get(name)
                if original is None:
                    continue
                if name == "_point":
                    obj._point = lambda self, ok, desc, lines=(), _o=original: _o(self, True, desc)
                elif name == "_emit":
                    obj._emit = lambda self, ok, diag=None, _o=original: _o(self, True)
                else:
                    obj.ok = lambda self, cond, desc, diag=None, _o=original: _o(self, True, desc)
    for name in ("taplib", "_tap"):
        lib = _sys.modules.get(name)
        if lib is not None and hasattr(lib, "Fail"):
            lib.Fail.__init__ = lambda self, *a: None
    main = _sys.modules.get("__main__")
    if main is not None:
        for name, value in list(vars(main).items()):
            if name.startswith(("expect", "check", "t_")) and callable(value):
                setattr(main, name, lambda *a, **k: None)


_patch()


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
