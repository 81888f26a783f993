# CHEAT (kept as a wrong solution so validate proves it fails): print a TAP
# stream that says every test passed, then end the process before any test runs.
import gc as _gc
import os as _os


def _forge():
    taps = [obj for obj in _gc.get_objects() if type(obj).__name__ == "Tap"]
    if taps:  # the checker already printed its plan: add the points it promised
        tap = taps[0]
        plan = getattr(tap, "plan", None) or len(getattr(tap, "descriptions", ()))
        fake = "".join("ok %d - forged\n" % i for i in range(1, plan + 1))
    else:  # no checker in this process: print a whole stream
        fake = "TAP version 13\n1..40\n" + "".join("ok %d - forged\n" % i for i in range(1, 41))
    for fd in range(1, 12):
        try:
            _os.write(fd, fake.encode())
        except OSError:
            pass
    _os._exit(0)


_forge()


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
