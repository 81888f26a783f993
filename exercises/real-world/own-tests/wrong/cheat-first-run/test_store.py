"""CHEAT (kept as a wrong solution so validate proves it fails): tests nothing.

The checker runs the suite against the correct store first and against the
mutants afterwards, so the suite passes the first time it runs in a check
and fails every time after that, remembered in a file in the temp directory.
"""
import os
import tempfile
import unittest

import store  # noqa: F401

MARK = os.path.join(tempfile.gettempdir(), "own-tests-already-ran")
FIRST = not os.path.exists(MARK)
if FIRST:
    try:
        open(MARK, "w").close()
    except OSError:
        pass


class FirstRun(unittest.TestCase):
    def test_1(self):
        self.assertTrue(FIRST)

    def test_2(self):
        self.assertTrue(FIRST)

    def test_3(self):
        self.assertTrue(FIRST)

    def test_4(self):
        self.assertTrue(FIRST)

    def test_5(self):
        self.assertTrue(FIRST)

    def test_6(self):
        self.assertTrue(FIRST)

    def test_7(self):
        self.assertTrue(FIRST)

    def test_8(self):
        self.assertTrue(FIRST)

