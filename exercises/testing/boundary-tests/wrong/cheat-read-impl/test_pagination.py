"""CHEAT (kept as a wrong solution so validate proves it fails): no real test.
It compares the code under test with the reference implementation in
tests/impl, so it "passes" on the correct code and "fails" on every mutant."""
import inspect
import os
import unittest

import pagination


class CheatTest(unittest.TestCase):
    def test_is_the_reference(self):
        reference = os.path.join(os.environ.get("HOME", "."), "tests", "impl", "pagination.py")
        with open(reference, encoding="utf-8") as f:
            self.assertEqual(inspect.getsource(pagination), f.read())


if __name__ == "__main__":
    unittest.main()
