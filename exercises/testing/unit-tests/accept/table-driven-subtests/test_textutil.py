"""Tests for textutil.slugify (alternative: table-driven cases with subTest,
one table per rule of the specification)."""
import unittest
from typing import NamedTuple, Optional

from textutil import slugify


class Case(NamedTuple):
    text: str
    expected: str
    max_length: Optional[int] = None

    def run(self):
        if self.max_length is None:
            return slugify(self.text)
        return slugify(self.text, self.max_length)


class TableTestCase(unittest.TestCase):
    cases = ()

    def check_all(self):
        for case in self.cases:
            with self.subTest(text=case.text, max_length=case.max_length):
                self.assertEqual(case.run(), case.expected)


class Accents(TableTestCase):
    cases = (
        Case("Café", "cafe"),
        Case("  Café Crème  ", "cafe-creme"),
        Case("naïve résumé", "naive-resume"),
        Case("Ångström", "angstrom"),
        Case("straße", "strae"),          # ß has no ASCII decomposition: dropped
        Case("日本 x", "x"),
    )

    def test_accented_letters_lose_their_accent(self):
        self.check_all()


class Lowercase(TableTestCase):
    cases = (
        Case("HELLO", "hello"),
        Case("MiXeD CaSe", "mixed-case"),
        Case("ÉCOLE", "ecole"),
    )

    def test_result_is_lower_case(self):
        self.check_all()


class Separators(TableTestCase):
    cases = (
        Case("Hello, World!", "hello-world"),
        Case("a   b", "a-b"),
        Case("a - _ . b", "a-b"),
        Case("a--b", "a-b"),
        Case("one\ttwo\nthree", "one-two-three"),
    )

    def test_each_run_becomes_one_hyphen(self):
        self.check_all()


class Digits(TableTestCase):
    cases = (
        Case("Top 10 tips", "top-10-tips"),
        Case("2024", "2024"),
        Case("v1.2.3", "v1-2-3"),
        Case("0", "0"),
    )

    def test_digits_are_kept(self):
        self.check_all()


class Edges(TableTestCase):
    cases = (
        Case("--hello--", "hello"),
        Case("  !hello? ", "hello"),
        Case("-a-", "a"),
        Case("", ""),
        Case("!!!", ""),
        Case("---", ""),
        Case("ß", ""),
    )

    def test_no_hyphen_at_either_end_and_empty_results(self):
        self.check_all()


class Truncation(TableTestCase):
    cases = (
        Case("Top 10 tips", "top-10", 6),
        Case("ab cd", "ab", 3),
        Case("abc def", "abc", 4),
        Case("abcdef", "abcdef", 6),
        Case("abcdefg", "abcdef", 6),
        Case("abc", "a", 1),
        Case("a bc", "a", 2),
        Case("hello", "hello", 50),
        Case("x" * 60, "x" * 50),
        Case("a-" * 30, ("a-" * 25).rstrip("-")),
    )

    def test_cut_to_max_length_without_trailing_hyphen(self):
        self.check_all()

    def test_default_max_length_is_fifty(self):
        self.assertEqual(len(slugify("y" * 51)), 50)
        self.assertEqual(slugify("y" * 50), "y" * 50)


class MaxLengthValidation(unittest.TestCase):
    def test_below_one_raises(self):
        for bad in (0, -1, -50):
            with self.subTest(max_length=bad):
                with self.assertRaises(ValueError):
                    slugify("x", bad)

    def test_even_empty_text_is_validated(self):
        with self.assertRaises(ValueError):
            slugify("", 0)

    def test_one_is_allowed(self):
        self.assertEqual(slugify("xyz", 1), "x")


if __name__ == "__main__":
    unittest.main()
