"""A middleware chain (alternative: every middleware is written as a
decorator-like function around an inner `wrapped` handler; compose() uses
recursion; build_app = logging(error(auth(handler)))."""


def compose(handler, *middlewares):
    if not middlewares:
        return handler
    first, rest = middlewares[0], middlewares[1:]
    return first(compose(handler, *rest))


def logging_middleware(log):
    def middleware(next_handler):
        def wrapped(request):
            response = next_handler(request)
            log.append("{} {} -> {}".format(request["method"], request["path"], response[0]))
            return response
        return wrapped
    return middleware


def auth_middleware(tokens):
    def middleware(next_handler):
        def wrapped(request):
            scheme, _, token = request["headers"].get("Authorization", "").partition(" ")
            if scheme == "Bearer" and token and token in tokens:
                request["user"] = tokens[token]
                return next_handler(request)
            return 401, {"WWW-Authenticate": "Bearer"}, "Unauthorized"
        return wrapped
    return middleware


def error_middleware(next_handler):
    def wrapped(request):
        try:
            return next_handler(request)
        except Exception:  # nothing about the error goes to the client
            return 500, {"Content-Type": "text/plain"}, "Internal Server Error"
    return wrapped


def build_app(handler, log, tokens):
    return compose(handler, logging_middleware(log), error_middleware, auth_middleware(tokens))
