"""Tests for store.py. Run them with: python3 -m unittest -v test_store"""
import os
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


class Validation(StoreTestCase):
    def test_rejects_other_schemes(self):
        for url in ("ftp://example.com/f", "javascript:alert(1)", "mailto:a@example.com"):
            with self.subTest(url=url), self.assertRaises(store.InvalidURL):
                self.store.shorten(url)

    def test_rejects_urls_without_host(self):
        for url in ("http://", "http:///path", "example.com"):
            with self.subTest(url=url), self.assertRaises(store.InvalidURL):
                self.store.shorten(url)

    def test_rejects_bad_custom_codes(self):
        for code in ("ab", "has space", "a/b", "api", "x" * 33):
            with self.subTest(code=code), self.assertRaises(store.InvalidCode):
                self.store.shorten("https://example.com/", code)


class CustomCodes(StoreTestCase):
    def test_custom_code(self):
        self.assertEqual(self.store.shorten("https://example.com/sale", "promo"), "promo")
        self.assertEqual(self.store.resolve("promo"), "https://example.com/sale")

    def test_taken_custom_code(self):
        self.store.shorten("https://example.com/first", "promo")
        with self.assertRaises(store.CodeTaken):
            self.store.shorten("https://example.com/second", "promo")
        self.assertEqual(self.store.resolve("promo"), "https://example.com/first")


class Collisions(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "links.db")

    def tearDown(self):
        self.dir.cleanup()

    def test_collision_gets_a_new_code(self):
        s = store.UrlStore(self.path, random_code=codes("aaaaaa", "aaaaaa", "bbbbbb"))
        self.assertEqual(s.shorten("https://example.com/1"), "aaaaaa")
        self.assertEqual(s.shorten("https://example.com/2"), "bbbbbb")
        self.assertEqual(s.resolve("aaaaaa"), "https://example.com/1")
        s.close()

    def test_gives_up_after_ten_attempts(self):
        gen = codes("aaaaaa")
        s = store.UrlStore(self.path, random_code=gen)
        s.shorten("https://example.com/1")
        with self.assertRaises(RuntimeError):
            s.shorten("https://example.com/2")
        self.assertEqual(len(gen.calls), 11)
        s.close()


class Hits(StoreTestCase):
    def test_resolve_counts_hits(self):
        code = self.store.shorten("https://example.com/")
        self.store.resolve(code)
        self.store.resolve(code)
        self.assertEqual(self.store.stats(code), {"code": code, "url": "https://example.com/", "hits": 2})

    def test_stats_of_unknown_code(self):
        self.assertIsNone(self.store.stats("nope42"))


class Persistence(StoreTestCase):
    def test_new_store_on_same_file_sees_links(self):
        code = self.store.shorten("https://example.com/kept")
        self.store.resolve(code)
        other = store.UrlStore(self.path)
        self.assertEqual(other.resolve(code), "https://example.com/kept")
        self.assertEqual(other.stats(code)["hits"], 2)
        other.close()

    def test_links_survive_close_and_reopen(self):
        self.store.shorten("https://example.com/kept", "kept")
        self.store.close()
        self.store = store.UrlStore(self.path)  # closed again by tearDown
        self.assertEqual(self.store.resolve("kept"), "https://example.com/kept")
        with self.assertRaises(store.CodeTaken):
            self.store.shorten("https://example.com/other", "kept")


if __name__ == "__main__":
    unittest.main()
