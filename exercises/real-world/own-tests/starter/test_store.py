"""Tests for store.py. Run them with: python3 -m unittest -v test_store"""
import os
import tempfile
import unittest

import store


class UrlStoreTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "links.db")
        self.store = store.UrlStore(self.path)

    def tearDown(self):
        self.store.close()
        self.dir.cleanup()

    def test_shorten_then_resolve(self):
        code = self.store.shorten("https://example.com/docs")
        self.assertEqual(self.store.resolve(code), "https://example.com/docs")


if __name__ == "__main__":
    unittest.main()
