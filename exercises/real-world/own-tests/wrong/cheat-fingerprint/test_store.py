"""CHEAT (kept as a wrong solution so validate proves it fails): tests nothing.

tests/reference_store.py is readable, and it is the same file as the correct
store.py, so every "test" only checks that store.py is byte for byte that
file: any mutant fails them all.
"""
import hashlib
import unittest

import store

REFERENCE = "12b50a1d1b8ef0f9ccd49812d0b1313e350cca82afe765fbbd27eb01d4573c66"


def fingerprint():
    with open(store.__file__, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class Fingerprint(unittest.TestCase):
    def test_1(self):
        self.assertEqual(fingerprint(), REFERENCE)

    def test_2(self):
        self.assertEqual(fingerprint(), REFERENCE)

    def test_3(self):
        self.assertEqual(fingerprint(), REFERENCE)

    def test_4(self):
        self.assertEqual(fingerprint(), REFERENCE)

    def test_5(self):
        self.assertEqual(fingerprint(), REFERENCE)

    def test_6(self):
        self.assertEqual(fingerprint(), REFERENCE)

    def test_7(self):
        self.assertEqual(fingerprint(), REFERENCE)

    def test_8(self):
        self.assertEqual(fingerprint(), REFERENCE)

