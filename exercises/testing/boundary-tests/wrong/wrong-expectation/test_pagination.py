"""Thorough tests, but one expectation is wrong (an empty list is NOT 0 pages)."""
import unittest

from pagination import paginate


class PaginateTest(unittest.TestCase):
    def test_last_page(self):
        self.assertEqual(paginate(25, 3), {"page": 3, "pages": 3, "start": 20, "end": 25,
                                           "has_prev": True, "has_next": False})

    def test_empty(self):
        self.assertEqual(paginate(0, 1)["pages"], 0)

    def test_page_zero(self):
        with self.assertRaises(ValueError):
            paginate(25, 0)


if __name__ == "__main__":
    unittest.main()
