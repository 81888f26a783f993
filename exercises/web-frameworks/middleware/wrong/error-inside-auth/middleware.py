"""A middleware chain (alternative: closures decorated with functools.wraps,
compose() as an explicit loop, and build_app ordering
logging -> auth -> errors -> handler)."""
import functools

SERVER_ERROR = (500, {"Content-Type": "text/plain"}, "Internal Server Error")


def compose(handler, *middlewares):
    app = handler
    for middleware in middlewares[::-1]:  # innermost first
        app = middleware(app)
    return app


def logging_middleware(log):
    def middleware(next_handler):
        @functools.wraps(next_handler)
        def handler(request):
            status, headers, body = response = next_handler(request)
            log.append("%s %s -> %d" % (request["method"], request["path"], status))
            return response
        return handler
    return middleware


def _bearer_token(headers):
    value = headers.get("Authorization")
    prefix = "Bearer "
    if isinstance(value, str) and value.startswith(prefix):
        return value[len(prefix):]
    return None


def auth_middleware(tokens):
    def middleware(next_handler):
        @functools.wraps(next_handler)
        def handler(request):
            token = _bearer_token(request["headers"])
            if token and token in tokens:
                request["user"] = tokens[token]
                return next_handler(request)
            return 401, {"WWW-Authenticate": "Bearer"}, "Unauthorized"
        return handler
    return middleware


def error_middleware(next_handler):
    @functools.wraps(next_handler)
    def handler(request):
        try:
            return next_handler(request)
        except Exception:
            status, headers, body = SERVER_ERROR
            return status, dict(headers), body
    return handler


def build_app(handler, log, tokens):
    # auth rejects before the handler runs; errors of the handler become 500
    # before logging sees the response, so the log shows what the client gets
    return compose(handler, logging_middleware(log), auth_middleware(tokens), error_middleware)
