"""Uses mocks, but only looks at return values and exceptions."""
import unittest
from unittest import mock

from weather import NotFound, ServiceError, get_temperature


class GetTemperatureTest(unittest.TestCase):
    def test_ok(self):
        http_get = mock.Mock(return_value=(200, '{"temp_c": 21.5}'))
        self.assertEqual(get_temperature("New York", http_get, sleep=mock.Mock()), 21.5)

    def test_not_found(self):
        http_get = mock.Mock(return_value=(404, ""))
        with self.assertRaises(NotFound):
            get_temperature("Atlantis", http_get, sleep=mock.Mock())

    def test_keeps_failing(self):
        http_get = mock.Mock(return_value=(503, ""))
        with self.assertRaises(ServiceError):
            get_temperature("Oslo", http_get, sleep=mock.Mock())


if __name__ == "__main__":
    unittest.main()
