"""Boundary tests for pagination.paginate. Write them here: see prompt.md."""
import unittest

from pagination import paginate


class PaginateTest(unittest.TestCase):
    pass  # add test_... methods


if __name__ == "__main__":
    unittest.main()
