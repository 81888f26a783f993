"""A middleware chain: see prompt.md."""


def compose(handler, *middlewares):
    raise NotImplementedError


def logging_middleware(log):
    raise NotImplementedError


def auth_middleware(tokens):
    raise NotImplementedError


def error_middleware(next_handler):
    raise NotImplementedError


def build_app(handler, log, tokens):
    raise NotImplementedError
