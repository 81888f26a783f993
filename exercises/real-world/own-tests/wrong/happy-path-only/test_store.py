"""Tests for store.py. Run them with: python3 -m unittest -v test_store"""
import os
import subprocess
import sys
import tempfile
import unittest

import store


def codes(*values):
    """A fake random_code returning the given codes in order (the last one forever)."""
    calls = []

    def random_code(length):
        calls.append(length)
        return values[min(len(calls), len(values)) - 1]

    random_code.calls = calls
    return random_code


class StoreTestCase(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "links.db")
        self.store = store.UrlStore(self.path)

    def tearDown(self):
        self.store.close()
        self.dir.cleanup()


class ShortenAndResolve(StoreTestCase):
    def test_shorten_then_resolve(self):
        code = self.store.shorten("https://example.com/docs")
        self.assertEqual(self.store.resolve(code), "https://example.com/docs")

    def test_unknown_code_resolves_to_none(self):
        self.assertIsNone(self.store.resolve("nope42"))

    def test_same_url_same_code(self):
        self.assertEqual(self.store.shorten("https://example.com/a"), self.store.shorten("https://example.com/a"))

    def test_different_urls_different_codes(self):
        self.assertNotEqual(self.store.shorten("https://example.com/a"), self.store.shorten("https://example.com/b"))


class CustomCodes(StoreTestCase):
    def test_custom_code(self):
        self.assertEqual(self.store.shorten("https://example.com/sale", "promo"), "promo")
        self.assertEqual(self.store.resolve("promo"), "https://example.com/sale")

    def test_http_urls_work(self):
        code = self.store.shorten("http://example.com/plain")
        self.assertEqual(self.store.resolve(code), "http://example.com/plain")


if __name__ == "__main__":
    unittest.main()
