"""A middleware chain: logging, error handling and authentication."""

UNAUTHORIZED = (401, {"WWW-Authenticate": "Bearer"}, "Unauthorized")
SERVER_ERROR = (500, {"Content-Type": "text/plain"}, "Internal Server Error")


def compose(handler, *middlewares):
    """compose(h, a, b) == a(b(h)): the first middleware is the outermost."""
    for middleware in reversed(middlewares):
        handler = middleware(handler)
    return handler


def logging_middleware(log):
    def middleware(next_handler):
        def handle(request):
            response = next_handler(request)
            log.append(f"{request['method']} {request['path']} -> {response[0]}")
            return response
        return handle
    return middleware


def auth_middleware(tokens):
    def middleware(next_handler):
        def handle(request):
            header = request.get("headers", {}).get("Authorization", "")
            scheme, _, token = header.partition(" ")
            if scheme != "Bearer" or not token or token not in tokens:
                return UNAUTHORIZED
            request["user"] = tokens[token]
            return next_handler(request)
        return handle
    return middleware


def error_middleware(next_handler):
    def handle(request):
        try:
            return next_handler(request)
        except Exception:
            import traceback
            return (500, {"Content-Type": "text/plain"}, traceback.format_exc())
    return handle


def build_app(handler, log, tokens):
    # logging outermost: it sees the final status, 401s and 500s included;
    # error handling next: it turns exceptions from auth or the handler into 500.
    return compose(handler, logging_middleware(log), error_middleware, auth_middleware(tokens))
