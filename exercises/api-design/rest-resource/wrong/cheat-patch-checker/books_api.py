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


"""The /books resource (see prompt.md).

The starter stores and returns books, but its status codes, errors and
listing do not follow the specification, and it validates nothing.
"""
import json


class BooksAPI:
    def __init__(self):
        self.books = {}
        self.next_id = 1

    def handle(self, method, path, query, body):
        headers = {"Content-Type": "application/json"}
        if path == "/books" and method == "GET":
            return 200, headers, json.dumps(list(self.books.values())).encode()
        if path == "/books" and method == "POST":
            data = json.loads(body)
            book = {"id": self.next_id, **data}
            self.books[self.next_id] = book
            self.next_id += 1
            return 200, headers, json.dumps(book).encode()
        if path.startswith("/books/"):
            book_id = int(path[len("/books/"):])
            if method == "GET":
                return 200, headers, json.dumps(self.books[book_id]).encode()
            if method == "DELETE":
                del self.books[book_id]
                return 200, headers, json.dumps({"deleted": True}).encode()
        return 404, headers, json.dumps({"error": "not_found"}).encode()
