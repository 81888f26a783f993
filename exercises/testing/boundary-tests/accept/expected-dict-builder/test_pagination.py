"""Boundary tests for pagination.paginate (alternative: a helper that builds
the expected dict from hand-computed numbers, one class per boundary)."""
import unittest

from pagination import paginate


def page_info(page, pages, start, end):
    """The dict paginate should return; has_prev/has_next follow from page/pages."""
    return {"page": page, "pages": pages, "start": start, "end": end,
            "has_prev": page != 1, "has_next": page != pages}


class PaginationAssertions(unittest.TestCase):
    def assertPage(self, args, page, pages, start, end):
        with self.subTest(args=args):
            self.assertEqual(paginate(*args), page_info(page, pages, start, end))

    def assertRejected(self, *args):
        with self.subTest(args=args):
            with self.assertRaises(ValueError):
                paginate(*args)


class PageCountRoundsUp(PaginationAssertions):
    def test_total_just_above_a_multiple(self):
        self.assertPage((21, 1), 1, 3, 0, 10)
        self.assertPage((21, 3), 3, 3, 20, 21)

    def test_total_exact_multiple(self):
        self.assertPage((20, 2), 2, 2, 10, 20)
        self.assertRejected(20, 3)

    def test_total_just_below_a_multiple(self):
        self.assertPage((19, 2), 2, 2, 10, 19)

    def test_less_than_one_page(self):
        self.assertPage((1, 1), 1, 1, 0, 1)
        self.assertPage((9, 1), 1, 1, 0, 9)
        self.assertPage((10, 1), 1, 1, 0, 10)
        self.assertPage((11, 2), 2, 2, 10, 11)

    def test_custom_per_page(self):
        self.assertPage((7, 3, 3), 3, 3, 6, 7)
        self.assertPage((6, 2, 3), 2, 2, 3, 6)
        self.assertPage((5, 5, 1), 5, 5, 4, 5)


class EmptyList(PaginationAssertions):
    def test_zero_items_still_have_one_page(self):
        self.assertPage((0, 1), 1, 1, 0, 0)
        self.assertPage((0, 1, 1), 1, 1, 0, 0)

    def test_zero_items_have_no_page_two(self):
        self.assertRejected(0, 2)
        self.assertRejected(0, 0)


class EndIsClamped(PaginationAssertions):
    def test_last_partial_page(self):
        self.assertPage((25, 3), 3, 3, 20, 25)

    def test_full_pages_are_not_clamped(self):
        self.assertPage((25, 2), 2, 3, 10, 20)


class PrevAndNext(PaginationAssertions):
    def test_first_middle_last(self):
        self.assertPage((30, 1), 1, 3, 0, 10)
        self.assertPage((30, 2), 2, 3, 10, 20)
        self.assertPage((30, 3), 3, 3, 20, 30)

    def test_single_page_has_neither(self):
        result = paginate(3, 1)
        self.assertIs(result["has_prev"], False)
        self.assertIs(result["has_next"], False)

    def test_flags_are_real_booleans(self):
        result = paginate(25, 2)
        self.assertIs(result["has_prev"], True)
        self.assertIs(result["has_next"], True)


class PageRange(PaginationAssertions):
    def test_page_zero_and_negative(self):
        self.assertRejected(25, 0)
        self.assertRejected(25, -1)

    def test_page_one_past_the_end(self):
        self.assertRejected(25, 4)
        self.assertRejected(1, 2)
        self.assertRejected(10, 2)

    def test_far_past_the_end(self):
        self.assertRejected(25, 100)


class ArgumentValidation(PaginationAssertions):
    def test_per_page_below_one(self):
        self.assertRejected(10, 1, 0)
        self.assertRejected(10, 1, -5)
        self.assertRejected(0, 1, 0)

    def test_per_page_one_is_fine(self):
        self.assertPage((3, 2, 1), 2, 3, 1, 2)

    def test_negative_total(self):
        self.assertRejected(-1, 1)
        self.assertRejected(-10, 1, 5)


if __name__ == "__main__":
    unittest.main()
