"""Tests for textutil.slugify: one test per rule of the specification."""
import unittest

from textutil import slugify


class SlugifyTest(unittest.TestCase):
    def test_simple_title(self):
        self.assertEqual(slugify("Hello, World!"), "hello-world")

    def test_lowercases(self):
        self.assertEqual(slugify("PyCon DE"), "pycon-de")

    def test_accents_are_removed_not_dropped(self):
        self.assertEqual(slugify("Café Crème"), "cafe-creme")

    def test_digits_are_kept(self):
        self.assertEqual(slugify("Top 10 tips"), "top-10-tips")

    def test_runs_of_separators_become_one_hyphen(self):
        self.assertEqual(slugify("a  &  b"), "a-b")

    def test_no_hyphens_at_the_ends(self):
        self.assertEqual(slugify("  --hello!--  "), "hello")

    def test_nothing_left(self):
        self.assertEqual(slugify("!!!"), "")
        self.assertEqual(slugify(""), "")

    def test_truncates_to_max_length(self):
        self.assertEqual(slugify("abcdef", 4), "abcd")
        self.assertEqual(slugify("Top 10 tips", 6), "top-10")

    def test_truncation_drops_a_trailing_hyphen(self):
        self.assertEqual(slugify("ab cd", 3), "ab")

    def test_max_length_one_is_allowed(self):
        self.assertEqual(slugify("hello", 1), "h")

    def test_max_length_below_one_raises(self):
        for bad in (0, -5):
            with self.subTest(max_length=bad):
                with self.assertRaises(ValueError):
                    slugify("hello", bad)


if __name__ == "__main__":
    unittest.main()
