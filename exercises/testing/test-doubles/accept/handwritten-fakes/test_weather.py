"""Tests for weather.get_temperature (alternative: hand-written fakes instead
of unittest.mock: a scripted HTTP server and a recording clock)."""
import json
import unittest
from unittest import mock  # noqa: F401  (allowed; these tests use plain fakes)

from weather import NotFound, ServiceError, get_temperature

BASE = "https://api.example.test/v1/weather?city="


class ScriptedHttp:
    """Answers each call with the next scripted (status, body) and records the URLs."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.urls = []

    def __call__(self, url):
        self.urls.append(url)
        if not self.answers:
            raise AssertionError(f"unexpected extra request #{len(self.urls)}")
        return self.answers.pop(0)

    @property
    def calls(self):
        return len(self.urls)


class RecordingClock:
    def __init__(self):
        self.sleeps = []

    def __call__(self, seconds):
        self.sleeps.append(seconds)


def ok(temp):
    return (200, json.dumps({"temp_c": temp}))


class Success(unittest.TestCase):
    def test_returns_float_of_temp(self):
        http, clock = ScriptedHttp(ok(21.5)), RecordingClock()
        self.assertEqual(get_temperature("Oslo", http, sleep=clock), 21.5)
        self.assertEqual(http.urls, [BASE + "Oslo"])
        self.assertEqual(clock.sleeps, [])

    def test_integer_temperature_becomes_float(self):
        http = ScriptedHttp(ok(7))
        result = get_temperature("Oslo", http, sleep=RecordingClock())
        self.assertIsInstance(result, float)
        self.assertEqual(result, 7.0)

    def test_city_is_url_quoted(self):
        for city, quoted in [("New York", "New%20York"), ("São Paulo", "S%C3%A3o%20Paulo"),
                             ("a&b=c", "a%26b%3Dc")]:
            with self.subTest(city=city):
                http = ScriptedHttp(ok(1.0))
                get_temperature(city, http, sleep=RecordingClock())
                self.assertEqual(http.urls, [BASE + quoted])


class NotFoundIsFinal(unittest.TestCase):
    def test_404_raises_not_found_without_retry(self):
        http, clock = ScriptedHttp((404, ""), ok(1.0)), RecordingClock()
        with self.assertRaises(NotFound):
            get_temperature("Atlantis", http, sleep=clock)
        self.assertEqual(http.calls, 1)
        self.assertEqual(clock.sleeps, [])

    def test_404_after_a_server_error(self):
        http, clock = ScriptedHttp((500, ""), (404, ""), ok(1.0)), RecordingClock()
        with self.assertRaises(NotFound):
            get_temperature("Atlantis", http, sleep=clock)
        self.assertEqual(http.calls, 2)
        self.assertEqual(clock.sleeps, [1])


class ServerErrorsAreRetried(unittest.TestCase):
    def test_one_failure_then_success(self):
        http, clock = ScriptedHttp((503, ""), ok(21.5)), RecordingClock()
        self.assertEqual(get_temperature("Oslo", http, sleep=clock), 21.5)
        self.assertEqual(http.calls, 2)
        self.assertEqual(clock.sleeps, [1])

    def test_success_on_last_allowed_call(self):
        http, clock = ScriptedHttp((500, ""), (502, ""), ok(3.0)), RecordingClock()
        self.assertEqual(get_temperature("Oslo", http, sleep=clock), 3.0)
        self.assertEqual(clock.sleeps, [1, 2])

    def test_all_calls_fail(self):
        http, clock = ScriptedHttp((500, ""), (599, ""), (503, ""), ok(1.0)), RecordingClock()
        with self.assertRaises(ServiceError):
            get_temperature("Oslo", http, sleep=clock)
        self.assertEqual(http.calls, 3)
        self.assertEqual(clock.sleeps, [1, 2])

    def test_exponential_backoff_with_more_retries(self):
        http, clock = ScriptedHttp(*([(500, "")] * 5)), RecordingClock()
        with self.assertRaises(ServiceError):
            get_temperature("Oslo", http, retries=5, sleep=clock)
        self.assertEqual(http.calls, 5)
        self.assertEqual(clock.sleeps, [1, 2, 4, 8])

    def test_single_try_never_sleeps(self):
        http, clock = ScriptedHttp((500, ""), ok(1.0)), RecordingClock()
        with self.assertRaises(ServiceError):
            get_temperature("Oslo", http, retries=1, sleep=clock)
        self.assertEqual(http.calls, 1)
        self.assertEqual(clock.sleeps, [])

    def test_every_retry_uses_the_same_url(self):
        http = ScriptedHttp((500, ""), ok(1.0))
        get_temperature("New York", http, sleep=RecordingClock())
        self.assertEqual(http.urls, [BASE + "New%20York"] * 2)


class OtherStatusesAreFinal(unittest.TestCase):
    def test_client_errors_and_redirects(self):
        for status in (400, 401, 403, 302, 301, 418, 499, 600, 204):
            with self.subTest(status=status):
                http, clock = ScriptedHttp((status, ""), ok(1.0)), RecordingClock()
                with self.assertRaises(ServiceError):
                    get_temperature("Oslo", http, sleep=clock)
                self.assertEqual(http.calls, 1)
                self.assertEqual(clock.sleeps, [])

    def test_service_error_is_not_not_found(self):
        http = ScriptedHttp((500, ""), (500, ""), (500, ""))
        with self.assertRaises(ServiceError) as ctx:
            get_temperature("Oslo", http, sleep=RecordingClock())
        self.assertNotIsInstance(ctx.exception, NotFound)


if __name__ == "__main__":
    unittest.main()
