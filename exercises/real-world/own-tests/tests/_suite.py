"""Runs inside the learner's process (see isolate.py): runs test_store.py.

The learner's tests never see the code of the store they test. `store` here
is a stand-in module whose UrlStore forwards every call to a store object in
the checker's process (the correct one or a mutant, the learner's process
cannot tell which), and whose exception classes stand for the store's. So a
suite can only tell a broken store from the correct one by its behaviour.
"""
import io
import os
import sys
import types
import unittest


def _make_store(api):
    opener = api["open"]
    mod = types.ModuleType("store")
    mod.__doc__ = "The storage layer under test (see part 1 for its interface)."
    mod.InvalidURL = api["InvalidURL"]
    mod.InvalidCode = api["InvalidCode"]
    mod.CodeTaken = api["CodeTaken"]

    class UrlStore:
        """UrlStore(path, *, code_length=6, random_code=None): see part 1."""

        def __init__(self, path, *, code_length=6, random_code=None):
            if isinstance(path, os.PathLike):
                path = os.fspath(path)
            self._store = opener(path, code_length, random_code)

        def shorten(self, url, code=None):
            return self._store.shorten(url, code)

        def resolve(self, code):
            return self._store.resolve(code)

        def stats(self, code):
            return self._store.stats(code)

        def close(self):
            return self._store.close()

    UrlStore.__module__ = "store"
    mod.UrlStore = UrlStore
    return mod


def run(api):
    """Run test_store with the stand-in store: a dict of plain data."""
    sys.modules["store"] = _make_store(api)
    stream = io.StringIO()
    try:
        suite = unittest.defaultTestLoader.loadTestsFromName("test_store")
    except BaseException as exc:  # noqa: B902 - a broken test file is the learner's to fix
        return {"ran": 0, "ok": False, "skipped": 0, "out": f"cannot load test_store.py: {type(exc).__name__}: {exc}"}
    result = unittest.TextTestRunner(stream=stream, verbosity=2).run(suite)
    return {"ran": result.testsRun, "ok": result.wasSuccessful(), "skipped": len(result.skipped),
            "out": stream.getvalue()[-6000:]}
