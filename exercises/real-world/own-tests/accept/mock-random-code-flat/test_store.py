"""Tests for store.py. Run them with: python3 -m unittest -v test_store

Alternative style: one flat TestCase, one behaviour per test method, and
unittest.mock.Mock(side_effect=[...]) as the injected random_code."""
import os
import tempfile
import unittest
from unittest import mock

import store

URL = "https://example.com/docs"


class UrlStoreTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "links.db")
        self.stores = []
        self.store = self.new_store()

    def tearDown(self):
        for s in self.stores:
            s.close()
        self.dir.cleanup()

    def new_store(self, **kw):
        s = store.UrlStore(self.path, **kw)
        self.stores.append(s)
        return s

    # --- happy path ------------------------------------------------------
    def test_shorten_then_resolve(self):
        code = self.store.shorten(URL)
        self.assertEqual(self.store.resolve(code), URL)

    def test_random_code_shape(self):
        code = self.store.shorten(URL)
        self.assertRegex(code, r"\A[A-Za-z0-9]{6}\Z")

    def test_random_codes_differ_for_different_urls(self):
        codes = {self.store.shorten(f"https://example.com/{i}") for i in range(10)}
        self.assertEqual(len(codes), 10)

    # --- URL validation ---------------------------------------------------
    def test_rejects_other_schemes(self):
        for url in ("ftp://example.com/f", "javascript:alert(1)", "mailto:a@example.com", "file:///etc/passwd"):
            with self.subTest(url=url), self.assertRaises(store.InvalidURL):
                self.store.shorten(url)

    def test_accepts_scheme_in_any_case(self):
        code = self.store.shorten("HtTpS://example.com/X")
        self.assertEqual(self.store.resolve(code), "HtTpS://example.com/X")

    def test_rejects_missing_host(self):
        for url in ("http://", "http:///path", "https://:80/", "http://?q"):
            with self.subTest(url=url), self.assertRaises(store.InvalidURL):
                self.store.shorten(url)

    def test_rejects_whitespace_and_controls(self):
        for ch in (" ", "\t", "\r", "\n", "\x00", "\x1f", "\x7f"):
            with self.subTest(ch=repr(ch)), self.assertRaises(store.InvalidURL):
                self.store.shorten("https://example.com/a" + ch + "b")

    def test_rejects_unparsable_url(self):
        with self.assertRaises(store.InvalidURL):
            self.store.shorten("http://[example.com/")

    def test_length_limits(self):
        base = "https://example.com/"
        ok = base + "p" * (2048 - len(base))
        self.assertEqual(self.store.resolve(self.store.shorten(ok)), ok)
        with self.assertRaises(store.InvalidURL):
            self.store.shorten(ok + "p")
        with self.assertRaises(store.InvalidURL):
            self.store.shorten("")

    def test_rejects_non_strings(self):
        for url in (None, 42, b"https://example.com/", ["https://example.com/"]):
            with self.subTest(url=url), self.assertRaises(store.InvalidURL):
                self.store.shorten(url)

    def test_url_with_quotes_is_stored_verbatim(self):
        url = "https://example.com/it's?q=\"x\";--"
        self.assertEqual(self.store.resolve(self.store.shorten(url, "quote")), url)

    # --- custom codes -------------------------------------------------------
    def test_custom_code(self):
        self.assertEqual(self.store.shorten(URL, "promo"), "promo")
        self.assertEqual(self.store.stats("promo"), {"code": "promo", "url": URL, "hits": 0})

    def test_custom_code_rules(self):
        bad = ["ab", "x" * 33, "a b", "ab/c", "ab.c", "abc!", "ab\u00e9", "abc\n", 7, "api", "Api", "HEALTH", "Static"]
        for code in bad:
            with self.subTest(code=code), self.assertRaises(store.InvalidCode):
                self.store.shorten(URL, code)
        for code in ["abc", "x" * 32, "A-b_9", "apis", "static-page"]:
            with self.subTest(code=code):
                self.assertEqual(self.store.shorten(URL, code), code)

    def test_taken_code(self):
        self.store.shorten(URL, "promo")
        with self.assertRaises(store.CodeTaken):
            self.store.shorten("https://example.com/other", "promo")
        self.assertEqual(self.store.resolve("promo"), URL)

    def test_case_sensitive_codes(self):
        self.store.shorten("https://a.example/", "promo")
        self.store.shorten("https://b.example/", "Promo")
        self.assertEqual(self.store.resolve("Promo"), "https://b.example/")
        self.assertEqual(self.store.resolve("promo"), "https://a.example/")

    # --- random codes and collisions ---------------------------------------
    def test_same_url_reuses_code_without_new_random_call(self):
        gen = mock.Mock(side_effect=["aaaaaa", "bbbbbb"])
        s = self.new_store(random_code=gen)
        self.assertEqual(s.shorten(URL), "aaaaaa")
        self.assertEqual(s.shorten(URL), "aaaaaa")
        self.assertEqual(gen.call_count, 1)
        gen.assert_called_once_with(6)

    def test_custom_link_is_not_reused_for_random(self):
        gen = mock.Mock(side_effect=["rrrrrr"])
        s = self.new_store(random_code=gen)
        s.shorten(URL, "mine")
        self.assertEqual(s.shorten(URL), "rrrrrr")

    def test_collision_calls_again(self):
        gen = mock.Mock(side_effect=["aaaaaa", "aaaaaa", "bbbbbb"])
        s = self.new_store(random_code=gen)
        s.shorten("https://example.com/1")
        self.assertEqual(s.shorten("https://example.com/2"), "bbbbbb")
        self.assertEqual(s.resolve("aaaaaa"), "https://example.com/1")
        self.assertEqual(gen.call_count, 3)

    def test_collision_with_custom_code(self):
        gen = mock.Mock(side_effect=["promo1", "other1"])
        s = self.new_store(random_code=gen)
        s.shorten("https://example.com/custom", "promo1")
        self.assertEqual(s.shorten(URL), "other1")
        self.assertEqual(s.resolve("promo1"), "https://example.com/custom")

    def test_gives_up_after_ten_collisions(self):
        gen = mock.Mock(return_value="zzzzzz")
        s = self.new_store(random_code=gen)
        s.shorten("https://example.com/z", "zzzzzz")
        with self.assertRaises(RuntimeError):
            s.shorten(URL)
        self.assertEqual(gen.call_count, 10)
        self.assertEqual(s.stats("zzzzzz")["url"], "https://example.com/z")

    def test_code_length_forwarded(self):
        gen = mock.Mock(side_effect=["abcd"])
        s = self.new_store(code_length=4, random_code=gen)
        self.assertEqual(s.shorten(URL), "abcd")
        gen.assert_called_once_with(4)

    # --- hits and lookups ---------------------------------------------------
    def test_unknown_code(self):
        self.assertIsNone(self.store.resolve("nope42"))
        self.assertIsNone(self.store.stats("nope42"))

    def test_non_string_code(self):
        self.assertIsNone(self.store.resolve(None))
        self.assertIsNone(self.store.resolve(123))

    def test_hits(self):
        code = self.store.shorten(URL)
        self.store.resolve(code)
        self.store.resolve(code)
        self.store.stats(code)
        self.assertEqual(self.store.stats(code), {"code": code, "url": URL, "hits": 2})

    # --- persistence ----------------------------------------------------------
    def test_restart_keeps_everything(self):
        code = self.store.shorten(URL)
        self.store.shorten("https://example.com/sale", "promo")
        self.store.resolve("promo")
        self.store.close()
        self.stores.remove(self.store)
        again = self.new_store(random_code=mock.Mock(side_effect=AssertionError("no new code needed")))
        self.assertEqual(again.stats("promo"), {"code": "promo", "url": "https://example.com/sale", "hits": 1})
        self.assertEqual(again.shorten(URL), code)
        self.assertEqual(again.resolve(code), URL)
        with self.assertRaises(store.CodeTaken):
            again.shorten(URL, "promo")


if __name__ == "__main__":
    unittest.main()
