"""Tests for weather.get_temperature (alternative: unittest.mock throughout,
a setUp that builds fresh doubles, a side_effect *function* that replays a
status script, and exact call lists compared with mock.call)."""
import unittest
from unittest import mock

from weather import NotFound, ServiceError, get_temperature

URL = "https://api.example.test/v1/weather?city="


class WeatherTestBase(unittest.TestCase):
    def setUp(self):
        self.sleep = mock.Mock(name="sleep")
        self.http_get = mock.Mock(name="http_get")

    def script(self, *statuses, temp=21.5):
        """Make http_get answer the given statuses in order (200 carries temp)."""
        answers = iter(statuses)

        def answer(url):
            status = next(answers)
            return (status, '{"temp_c": %s}' % temp if status == 200 else "oops")

        self.http_get.side_effect = answer

    def call(self, city="Oslo", **kw):
        return get_temperature(city, self.http_get, sleep=self.sleep, **kw)


class HappyPath(WeatherTestBase):
    def test_value_and_single_call(self):
        self.script(200)
        self.assertEqual(self.call(), 21.5)
        self.http_get.assert_called_once_with(URL + "Oslo")
        self.sleep.assert_not_called()

    def test_result_is_float(self):
        self.script(200, temp=-3)
        result = self.call()
        self.assertEqual(type(result), float)
        self.assertEqual(result, -3.0)

    def test_quoting(self):
        self.script(200)
        self.call("New York")
        self.http_get.assert_called_once_with(URL + "New%20York")

    def test_quoting_non_ascii_and_reserved(self):
        self.script(200)
        self.call("Zürich/Süd?")
        self.http_get.assert_called_once_with(URL + "Z%C3%BCrich/S%C3%BCd%3F")


class Retries(WeatherTestBase):
    def test_prompt_example(self):
        self.http_get.side_effect = [(503, ""), (200, '{"temp_c": 21.5}')]
        self.assertEqual(self.call(), 21.5)
        self.assertEqual(self.http_get.call_count, 2)
        self.assertEqual(self.sleep.call_args_list, [mock.call(1)])

    def test_gives_up_after_three_calls_by_default(self):
        self.script(500, 500, 500, 200)
        with self.assertRaises(ServiceError):
            self.call()
        self.assertEqual(self.http_get.call_args_list, [mock.call(URL + "Oslo")] * 3)
        self.assertEqual(self.sleep.call_args_list, [mock.call(1), mock.call(2)])

    def test_backoff_doubles(self):
        self.script(502, 503, 504, 500, 200)
        self.assertEqual(self.call(retries=5), 21.5)
        self.assertEqual(self.sleep.mock_calls, [mock.call(1), mock.call(2), mock.call(4), mock.call(8)])

    def test_retries_two(self):
        self.script(599, 500, 200)
        with self.assertRaises(ServiceError):
            self.call(retries=2)
        self.assertEqual(self.http_get.call_count, 2)
        self.sleep.assert_called_once_with(1)

    def test_one_retry_means_no_sleep(self):
        self.script(500, 200)
        with self.assertRaises(ServiceError):
            self.call(retries=1)
        self.http_get.assert_called_once()
        self.sleep.assert_not_called()


class FinalAnswers(WeatherTestBase):
    def test_not_found_immediately(self):
        self.script(404, 200)
        with self.assertRaises(NotFound):
            self.call("Atlantis")
        self.http_get.assert_called_once_with(URL + "Atlantis")
        self.sleep.assert_not_called()

    def test_not_found_is_not_a_service_error(self):
        self.script(404)
        with self.assertRaises(Exception) as ctx:
            self.call()
        self.assertIsInstance(ctx.exception, NotFound)
        self.assertNotIsInstance(ctx.exception, ServiceError)

    def test_other_statuses_fail_at_once(self):
        for status in (400, 401, 403, 302, 499, 600, 100):
            with self.subTest(status=status):
                self.setUp()
                self.script(status, 200)
                with self.assertRaises(ServiceError):
                    self.call()
                self.assertEqual(self.http_get.call_count, 1)
                self.sleep.assert_not_called()


if __name__ == "__main__":
    unittest.main()
