"""A middleware chain (alternative: middleware written as callable classes,
compose() built with functools.reduce over the reversed list)."""
from functools import reduce

UNAUTHORIZED = (401, {"WWW-Authenticate": "Bearer"}, "Unauthorized")


def compose(handler, *middlewares):
    # a(b(h)): wrap with the last middleware first, so the first one ends up outermost
    return reduce(lambda inner, middleware: middleware(inner), reversed(middlewares), handler)


class _Wrapped:
    """A handler produced by a middleware: keeps a reference to the next one."""

    def __init__(self, next_handler):
        self.next_handler = next_handler

    def __call__(self, request):  # pragma: no cover - overridden
        return self.next_handler(request)


class _LoggingHandler(_Wrapped):
    def __init__(self, next_handler, log):
        super().__init__(next_handler)
        self.log = log

    def __call__(self, request):
        response = self.next_handler(request)
        self.log.append(f"{request['method']} {request['path']} -> {response[0]}")
        return response


class _AuthHandler(_Wrapped):
    def __init__(self, next_handler, tokens):
        super().__init__(next_handler)
        self.tokens = tokens

    def user_for(self, request):
        value = (request.get("headers") or {}).get("Authorization")
        if not isinstance(value, str):
            return None
        scheme, sep, token = value.partition(" ")
        if scheme != "Bearer" or not sep or not token:
            return None
        return self.tokens.get(token)

    def __call__(self, request):
        user = self.user_for(request)
        if user is None:
            return (UNAUTHORIZED[0], dict(UNAUTHORIZED[1]), UNAUTHORIZED[2])
        request["user"] = user
        return self.next_handler(request)


class _ErrorHandler(_Wrapped):
    def __call__(self, request):
        try:
            return self.next_handler(request)
        except Exception:
            return (500, {"Content-Type": "text/plain"}, "Internal Server Error")


class _MiddlewareFactory:
    """middleware(next_handler) -> handler, with extra configuration bound."""

    def __init__(self, handler_class, *config):
        self.handler_class = handler_class
        self.config = config

    def __call__(self, next_handler):
        return self.handler_class(next_handler, *self.config)


def logging_middleware(log):
    return _MiddlewareFactory(_LoggingHandler, log)


def auth_middleware(tokens):
    return _MiddlewareFactory(_AuthHandler, tokens)


def error_middleware(next_handler):
    return _ErrorHandler(next_handler)


def build_app(handler, log, tokens):
    # logging sees the final status; errors (from auth or handler) become 500 inside it
    return compose(handler, logging_middleware(log), error_middleware, auth_middleware(tokens))
