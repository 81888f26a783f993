"""Checks results only, never how the collaborators were called."""
import unittest

from weather import NotFound, ServiceError, get_temperature


def fake_get(answers):
    answers = list(answers)
    return lambda url: answers.pop(0)


class GetTemperatureTest(unittest.TestCase):
    def test_ok(self):
        self.assertEqual(get_temperature("Oslo", fake_get([(200, '{"temp_c": 21.5}')])), 21.5)

    def test_not_found(self):
        with self.assertRaises(NotFound):
            get_temperature("Atlantis", fake_get([(404, "")]))

    def test_retry_then_ok(self):
        answers = [(503, ""), (200, '{"temp_c": 1.0}')]
        self.assertEqual(get_temperature("Oslo", fake_get(answers), sleep=lambda s: None), 1.0)


if __name__ == "__main__":
    unittest.main()
