"""Tests that only try the obvious cases."""
import unittest

from textutil import slugify


class SlugifyTest(unittest.TestCase):
    def test_simple(self):
        self.assertEqual(slugify("hello world"), "hello-world")

    def test_lowercase(self):
        self.assertEqual(slugify("Hello"), "hello")

    def test_short(self):
        self.assertEqual(slugify("hello", 10), "hello")


if __name__ == "__main__":
    unittest.main()
