"""CSRF protection for the web application (see prompt.md)."""


def issue_token(session):
    raise NotImplementedError("issue_token")


def rotate_token(session):
    raise NotImplementedError("rotate_token")


def verify_request(session, method, headers, form):
    # TODO: every request is accepted, so any site can post forms to ours.
    return True
