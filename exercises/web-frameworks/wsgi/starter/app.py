"""A WSGI application written by hand: see prompt.md."""


def application(environ, start_response):
    body = "Hello, world!"
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [body]
