"""Tests for weather.get_temperature, with Mock objects as test doubles."""
import unittest
from unittest import mock

from weather import NotFound, ServiceError, get_temperature

OK = (200, '{"temp_c": 21.5}')


class GetTemperatureTest(unittest.TestCase):
    def setUp(self):
        self.sleep = mock.Mock()

    def fetch(self, city, *answers, retries=3):
        self.http_get = mock.Mock(side_effect=list(answers))
        return get_temperature(city, self.http_get, retries=retries, sleep=self.sleep)

    def test_returns_the_temperature(self):
        self.assertEqual(self.fetch("Oslo", OK), 21.5)
        self.http_get.assert_called_once_with("https://api.example.test/v1/weather?city=Oslo")
        self.sleep.assert_not_called()

    def test_integer_temperature_becomes_float(self):
        result = self.fetch("Oslo", (200, '{"temp_c": 3}'))
        self.assertIsInstance(result, float)

    def test_city_is_percent_encoded(self):
        self.fetch("New York", OK)
        self.http_get.assert_called_once_with("https://api.example.test/v1/weather?city=New%20York")

    def test_not_found_is_raised_at_once(self):
        with self.assertRaises(NotFound):
            self.fetch("Atlantis", (404, ""), OK)
        self.assertEqual(self.http_get.call_count, 1)
        self.sleep.assert_not_called()

    def test_retries_a_server_error_then_succeeds(self):
        self.assertEqual(self.fetch("Oslo", (503, ""), (500, ""), OK), 21.5)
        self.assertEqual(self.http_get.call_count, 3)
        self.assertEqual(self.sleep.call_args_list, [mock.call(1), mock.call(2)])

    def test_gives_up_after_three_calls(self):
        with self.assertRaises(ServiceError):
            self.fetch("Oslo", (503, ""), (503, ""), (503, ""), OK)
        self.assertEqual(self.http_get.call_count, 3)
        self.assertEqual(self.sleep.call_args_list, [mock.call(1), mock.call(2)])

    def test_retries_argument(self):
        with self.assertRaises(ServiceError):
            self.fetch("Oslo", (502, ""), (502, ""), OK, retries=2)
        self.assertEqual(self.http_get.call_count, 2)
        self.assertEqual(self.sleep.call_args_list, [mock.call(1)])

    def test_client_errors_are_not_retried(self):
        for status in (400, 401, 302):
            with self.subTest(status=status):
                with self.assertRaises(ServiceError):
                    self.fetch("Oslo", (status, ""), OK)
                self.assertEqual(self.http_get.call_count, 1)
                self.sleep.assert_not_called()


if __name__ == "__main__":
    unittest.main()
