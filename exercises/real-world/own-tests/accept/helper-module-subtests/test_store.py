"""Tests for store.py. Run them with: python3 -m unittest -v test_store"""
import string
import unittest

import store
from storefixtures import StoreTestCase, scripted

GOOD = "https://example.com/docs"


class UrlValidation(StoreTestCase):
    BAD_URLS = [
        ("not a string", 12345),
        ("None", None),
        ("bytes", b"https://example.com/"),
        ("empty", ""),
        ("too long", "https://example.com/" + "a" * 2029),
        ("space", "https://example.com/a b"),
        ("leading space", " https://example.com/"),
        ("tab", "https://example.com/\ta"),
        ("newline", "https://example.com/\n"),
        ("NUL", "https://example.com/\x00"),
        ("DEL", "https://example.com/\x7f"),
        ("ftp scheme", "ftp://example.com/file"),
        ("javascript", "javascript:alert(1)"),
        ("no scheme", "example.com/docs"),
        ("no host", "http:///path"),
        ("only scheme", "https://"),
        ("broken ipv6", "http://[::1/x"),
    ]

    def test_invalid_urls_are_rejected(self):
        s = self.open()
        for label, url in self.BAD_URLS:
            with self.subTest(label):
                with self.assertRaises(store.InvalidURL):
                    s.shorten(url)

    def test_invalid_url_with_custom_code_is_rejected_and_not_stored(self):
        s = self.open()
        with self.assertRaises(store.InvalidURL):
            s.shorten("ftp://example.com/", "mycode")
        self.assertIsNone(s.stats("mycode"))
        self.assertEqual(s.shorten(GOOD, "mycode"), "mycode")

    def test_valid_edge_urls_are_stored_exactly(self):
        s = self.open()
        longest = "https://example.com/" + "a" * (2048 - len("https://example.com/"))
        self.assertEqual(len(longest), 2048)
        for url in [longest, "HTTPS://Example.COM/Path?q='x'&y=\"z\"#frag",
                    "http://h", "hTtP://example.com:8080/caf%C3%A9", "https://example.com/café"]:
            with self.subTest(url=url[:40]):
                code = s.shorten(url)
                self.assertEqual(s.stats(code)["url"], url)
                self.assertEqual(s.resolve(code), url)


class CustomCodes(StoreTestCase):
    def test_custom_code_is_returned_and_resolves(self):
        s = self.open()
        self.assertEqual(s.shorten(GOOD, "promo"), "promo")
        self.assertEqual(s.resolve("promo"), GOOD)

    def test_code_length_limits(self):
        s = self.open()
        for n, ok in [(2, False), (3, True), (32, True), (33, False)]:
            with self.subTest(length=n):
                code = "x" * n
                if ok:
                    self.assertEqual(s.shorten(GOOD + str(n), code), code)
                else:
                    with self.assertRaises(store.InvalidCode):
                        s.shorten(GOOD, code)

    def test_invalid_codes(self):
        s = self.open()
        for code in ["ab!", "a b c", "abc/", "abc.", "ab\n", "abc\n", "ünï", "", 123, ["abc"],
                     "api", "API", "Health", "health", "STATIC", "static"]:
            with self.subTest(code=code):
                with self.assertRaises(store.InvalidCode):
                    s.shorten(GOOD, code)
                if isinstance(code, str):
                    self.assertIsNone(s.stats(code))

    def test_allowed_characters(self):
        s = self.open()
        for code in ["a_b-C9", "---", "___", "API2", "apis", "healthy", "0123456789"]:
            with self.subTest(code=code):
                self.assertEqual(s.shorten(GOOD, code), code)

    def test_taken_code_raises_and_keeps_existing_link(self):
        s = self.open()
        s.shorten(GOOD, "promo")
        s.resolve("promo")
        with self.assertRaises(store.CodeTaken):
            s.shorten("https://example.com/other", "promo")
        with self.assertRaises(store.CodeTaken):
            s.shorten(GOOD, "promo")
        self.assertEqual(s.stats("promo"), {"code": "promo", "url": GOOD, "hits": 1})

    def test_codes_are_case_sensitive(self):
        s = self.open()
        s.shorten("https://example.com/lower", "promo")
        self.assertEqual(s.shorten("https://example.com/upper", "Promo"), "Promo")
        self.assertEqual(s.resolve("promo"), "https://example.com/lower")
        self.assertEqual(s.resolve("Promo"), "https://example.com/upper")
        self.assertIsNone(s.resolve("PROMO"))


class RandomCodes(StoreTestCase):
    def test_default_generator_makes_six_alphanumerics(self):
        s = self.open()
        seen = set()
        for i in range(20):
            code = s.shorten(f"https://example.com/{i}")
            self.assertEqual(len(code), 6)
            self.assertTrue(set(code) <= set(string.ascii_letters + string.digits), code)
            seen.add(code)
        self.assertEqual(len(seen), 20)

    def test_code_length_is_passed_to_generator(self):
        gen = scripted("abcdefghij")
        s = self.open(code_length=10, random_code=gen)
        self.assertEqual(s.shorten(GOOD), "abcdefghij")
        self.assertEqual(gen.calls, [10])
        self.assertEqual(len(self.open(code_length=9).shorten("https://x.example/")), 9)

    def test_same_url_gets_same_code_without_calling_generator(self):
        gen = scripted("aaaaaa")
        s = self.open(random_code=gen)
        self.assertEqual(s.shorten(GOOD), "aaaaaa")
        self.assertEqual(s.shorten(GOOD), "aaaaaa")
        self.assertEqual(gen.calls, [6])

    def test_url_with_only_custom_code_gets_new_random_code(self):
        gen = scripted("rnd001")
        s = self.open(random_code=gen)
        s.shorten(GOOD, "custom")
        self.assertEqual(s.shorten(GOOD), "rnd001")
        self.assertEqual(s.shorten(GOOD), "rnd001")
        self.assertEqual(s.resolve("custom"), GOOD)

    def test_collision_with_random_code_retries_and_keeps_old_link(self):
        gen = scripted("aaaaaa", "aaaaaa", "bbbbbb")
        s = self.open(random_code=gen)
        self.assertEqual(s.shorten("https://example.com/1"), "aaaaaa")
        self.assertEqual(s.shorten("https://example.com/2"), "bbbbbb")
        self.assertEqual(len(gen.calls), 3)
        self.assertEqual(s.resolve("aaaaaa"), "https://example.com/1")
        self.assertEqual(s.resolve("bbbbbb"), "https://example.com/2")

    def test_collision_with_custom_code_retries(self):
        gen = scripted("promo1", "fresh1")
        s = self.open(random_code=gen)
        s.shorten("https://example.com/custom", "promo1")
        self.assertEqual(s.shorten(GOOD), "fresh1")
        self.assertEqual(s.stats("promo1")["url"], "https://example.com/custom")

    def test_ten_collisions_raise_runtime_error(self):
        gen = scripted(*(["taken1"] * 11))
        s = self.open(random_code=gen)
        s.shorten("https://example.com/first", "taken1")
        with self.assertRaises(RuntimeError):
            s.shorten(GOOD)
        self.assertEqual(len(gen.calls), 10)
        self.assertEqual(s.resolve("taken1"), "https://example.com/first")

    def test_tenth_attempt_may_succeed(self):
        gen = scripted(*(["taken1"] * 9 + ["free01"]))
        s = self.open(random_code=gen)
        s.shorten("https://example.com/first", "taken1")
        self.assertEqual(s.shorten(GOOD), "free01")
        self.assertEqual(len(gen.calls), 10)


class ResolveAndStats(StoreTestCase):
    def test_unknown_and_non_string_codes(self):
        s = self.open()
        s.shorten(GOOD, "known")
        for code in ["nope42", "", "KNOWN", 42, None, b"known"]:
            with self.subTest(code=code):
                self.assertIsNone(s.resolve(code))
                self.assertIsNone(s.stats(code))

    def test_resolve_counts_hits_and_stats_does_not(self):
        s = self.open()
        code = s.shorten(GOOD)
        self.assertEqual(s.stats(code), {"code": code, "url": GOOD, "hits": 0})
        for expected in (1, 2, 3):
            self.assertEqual(s.resolve(code), GOOD)
            self.assertEqual(s.stats(code)["hits"], expected)
        self.assertEqual(s.stats(code)["hits"], 3)

    def test_hits_are_per_link(self):
        s = self.open()
        a = s.shorten("https://example.com/a", "aaa")
        b = s.shorten("https://example.com/b", "bbb")
        s.resolve(a)
        s.resolve(a)
        self.assertEqual(s.stats(a)["hits"], 2)
        self.assertEqual(s.stats(b)["hits"], 0)

    def test_unknown_resolve_does_not_create_link(self):
        s = self.open()
        s.resolve("ghost1")
        self.assertIsNone(s.stats("ghost1"))


class Persistence(StoreTestCase):
    def test_links_codes_and_hits_survive_restart(self):
        s = self.open()
        rnd = s.shorten(GOOD)
        s.shorten("https://example.com/sale", "promo")
        s.resolve("promo")
        s.resolve("promo")
        s.resolve(rnd)
        s = self.restart(s)
        self.assertEqual(s.stats("promo"), {"code": "promo", "url": "https://example.com/sale", "hits": 2})
        self.assertEqual(s.stats(rnd), {"code": rnd, "url": GOOD, "hits": 1})
        self.assertEqual(s.resolve("promo"), "https://example.com/sale")
        self.assertEqual(s.stats("promo")["hits"], 3)

    def test_after_restart_same_url_same_code_and_taken_codes_stay_taken(self):
        gen = scripted("first1")
        s = self.open(random_code=gen)
        self.assertEqual(s.shorten(GOOD), "first1")
        s.shorten("https://example.com/x", "mine")
        gen2 = scripted("first1", "second")
        s = self.restart(s, random_code=gen2)
        self.assertEqual(s.shorten(GOOD), "first1")
        self.assertEqual(gen2.calls, [])
        with self.assertRaises(store.CodeTaken):
            s.shorten("https://example.com/y", "mine")
        self.assertEqual(s.shorten("https://example.com/z"), "second")
        self.assertEqual(s.resolve("first1"), GOOD)

    def test_two_stores_on_same_file_see_each_other(self):
        a = self.open()
        code = a.shorten(GOOD, "shared")
        b = self.open()
        self.assertEqual(b.resolve(code), GOOD)
        self.assertEqual(a.stats(code)["hits"], 1)


if __name__ == "__main__":
    unittest.main()
