"""Tests that call the code but check nothing: they pass on every mutant."""
import unittest

from textutil import slugify


class SlugifyTest(unittest.TestCase):
    def test_runs(self):
        slugify("Hello, World!")
        slugify("Café Crème", 5)
        slugify("a  &  b")

    def test_returns_a_string(self):
        self.assertIsInstance(slugify("Top 10 tips"), str)


if __name__ == "__main__":
    unittest.main()
