"""Tests that stay away from every boundary."""
import unittest

from pagination import paginate


class PaginateTest(unittest.TestCase):
    def test_middle_page(self):
        self.assertEqual(paginate(100, 5)["start"], 40)
        self.assertEqual(paginate(100, 5)["end"], 50)

    def test_page_count(self):
        self.assertEqual(paginate(100, 1)["pages"], 10)

    def test_has_prev_in_the_middle(self):
        self.assertTrue(paginate(100, 5)["has_prev"])


if __name__ == "__main__":
    unittest.main()
