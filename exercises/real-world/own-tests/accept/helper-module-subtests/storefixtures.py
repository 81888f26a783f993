"""Helpers for test_store.py: a temporary database per test and scripted codes."""
import os
import tempfile
import unittest

import store


def scripted(*codes):
    """A random_code replacement returning the given codes in order.

    The returned function records every length it was asked for in .calls.
    """
    queue = list(codes)
    calls = []

    def random_code(length):
        calls.append(length)
        if not queue:
            raise AssertionError("random_code called more often than scripted")
        return queue.pop(0)

    random_code.calls = calls
    return random_code


class StoreTestCase(unittest.TestCase):
    """Base class: self.open() gives a UrlStore on this test's own database."""

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.db_path = os.path.join(self._tmp.name, "links.db")
        self._opened = []

    def tearDown(self):
        for s in self._opened:
            try:
                s.close()
            except Exception:
                pass
        self._tmp.cleanup()

    def open(self, **kwargs):
        s = store.UrlStore(self.db_path, **kwargs)
        self._opened.append(s)
        return s

    def restart(self, old, **kwargs):
        old.close()
        self._opened.remove(old)
        return self.open(**kwargs)
