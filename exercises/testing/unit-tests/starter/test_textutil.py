"""Tests for textutil.slugify. Write them here: see prompt.md."""
import unittest

from textutil import slugify


class SlugifyTest(unittest.TestCase):
    pass  # add test_... methods


if __name__ == "__main__":
    unittest.main()
