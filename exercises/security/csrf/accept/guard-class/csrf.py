"""CSRF protection for the web application (alternative: a small CsrfGuard
class with configurable names; the module functions delegate to one instance)."""
from __future__ import annotations

import hmac
import secrets
from typing import Any, Mapping, MutableMapping, Optional


class CsrfGuard:
    SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

    def __init__(self, session_key: str = "csrf_token", form_field: str = "csrf_token",
                 header_name: str = "X-CSRF-Token", nbytes: int = 32) -> None:
        self.session_key = session_key
        self.form_field = form_field
        self.header_name = header_name.lower()
        self.nbytes = nbytes

    # -- tokens ---------------------------------------------------------------
    def new_token(self) -> str:
        token = secrets.token_urlsafe(self.nbytes)
        assert len(token) >= 32
        return token

    def current(self, session: Mapping) -> Optional[str]:
        value = session.get(self.session_key) if isinstance(session, Mapping) else None
        return value if isinstance(value, str) and value else None

    def issue(self, session: MutableMapping) -> str:
        existing = self.current(session)
        if existing is not None:
            return existing
        return self.rotate(session)

    def rotate(self, session: MutableMapping) -> str:
        token = self.new_token()
        session[self.session_key] = token
        return token

    # -- verification ---------------------------------------------------------
    def is_safe(self, method: Any) -> bool:
        return isinstance(method, str) and method.upper() in self.SAFE_METHODS

    def submitted(self, headers: Any, form: Any) -> Any:
        if isinstance(form, Mapping) and self.form_field in form:
            return form[self.form_field]
        if isinstance(headers, Mapping):
            for name, value in headers.items():
                if isinstance(name, str) and name.lower() == self.header_name:
                    return value
        return None

    @staticmethod
    def same(expected: str, candidate: Any) -> bool:
        if not isinstance(candidate, str):
            return False
        try:
            left = expected.encode("utf-8")
            right = candidate.encode("utf-8")
        except UnicodeError:  # lone surrogates cannot be encoded: not our token
            return False
        return hmac.compare_digest(left, right)

    def verify(self, session: Any, method: Any, headers: Any, form: Any) -> bool:
        try:
            if self.is_safe(method):
                return True
            expected = self.current(session)
            if expected is None:
                return False
            return self.same(expected, self.submitted(headers, form))
        except Exception:  # never let a hostile request crash the check
            return False


_GUARD = CsrfGuard()


def issue_token(session):
    return _GUARD.issue(session)


def rotate_token(session):
    return _GUARD.rotate(session)


def verify_request(session, method, headers, form):
    return _GUARD.verify(session, method, headers, form)
