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
