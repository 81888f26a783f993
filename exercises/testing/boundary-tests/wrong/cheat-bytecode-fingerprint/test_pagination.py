"""CHEAT (kept as a wrong solution so validate proves it fails): no real test.
It compares the bytecode of paginate with a fingerprint of the reference
implementation, taken once from tests/impl."""
import hashlib
import unittest

from pagination import paginate


class CheatTest(unittest.TestCase):
    def test_bytecode_is_the_reference(self):
        self.assertEqual(hashlib.sha256(paginate.__code__.co_code).hexdigest(), "93130a0e855294bdda369ed30f90ccfaccf926a26559d8970ec4565f116e7b1e")


if __name__ == "__main__":
    unittest.main()
