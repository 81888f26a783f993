"""Boundary-value tests for pagination.paginate."""
import unittest

from pagination import paginate


def page(page, pages, start, end, has_prev, has_next):
    return {"page": page, "pages": pages, "start": start, "end": end,
            "has_prev": has_prev, "has_next": has_next}


class PageCountTest(unittest.TestCase):
    def test_partial_last_page_rounds_up(self):
        self.assertEqual(paginate(25, 1)["pages"], 3)

    def test_exact_multiple(self):
        self.assertEqual(paginate(30, 1)["pages"], 3)

    def test_one_more_than_a_multiple(self):
        self.assertEqual(paginate(31, 1, per_page=10)["pages"], 4)

    def test_empty_list_has_one_page(self):
        self.assertEqual(paginate(0, 1), page(1, 1, 0, 0, False, False))


class PagesTest(unittest.TestCase):
    def test_first_page(self):
        self.assertEqual(paginate(25, 1), page(1, 3, 0, 10, False, True))

    def test_middle_page(self):
        self.assertEqual(paginate(25, 2), page(2, 3, 10, 20, True, True))

    def test_last_partial_page_is_clamped(self):
        self.assertEqual(paginate(25, 3), page(3, 3, 20, 25, True, False))

    def test_last_full_page(self):
        self.assertEqual(paginate(30, 3), page(3, 3, 20, 30, True, False))

    def test_single_page(self):
        self.assertEqual(paginate(5, 1), page(1, 1, 0, 5, False, False))

    def test_per_page_one(self):
        self.assertEqual(paginate(3, 2, per_page=1), page(2, 3, 1, 2, True, True))


class InvalidArgumentsTest(unittest.TestCase):
    def test_page_zero_and_negative(self):
        for bad in (0, -1):
            with self.subTest(page=bad), self.assertRaises(ValueError):
                paginate(25, bad)

    def test_page_after_the_last(self):
        with self.assertRaises(ValueError):
            paginate(25, 4)
        with self.assertRaises(ValueError):
            paginate(0, 2)

    def test_per_page_below_one(self):
        for bad in (0, -10):
            with self.subTest(per_page=bad), self.assertRaises(ValueError):
                paginate(25, 1, per_page=bad)

    def test_negative_total(self):
        with self.assertRaises(ValueError):
            paginate(-1, 1)


if __name__ == "__main__":
    unittest.main()
