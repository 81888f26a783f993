"""weather: the correct implementation the learner's tests must pass."""
import json
import time
from urllib.parse import quote

BASE_URL = "https://api.example.test/v1/weather?city="


class NotFound(Exception):
    """The service does not know the city (HTTP 404)."""


class ServiceError(Exception):
    """The service failed or answered something unexpected."""


def get_temperature(city, http_get, retries=3, sleep=time.sleep):
    url = BASE_URL + quote(city)
    for attempt in range(retries):
        status, body = http_get(url)
        if status == 200:
            return float(json.loads(body)["temp_c"])
        if status == 404:
            raise NotFound(city)
        if 500 <= status <= 599 and attempt < retries - 1:
            sleep(2 ** attempt)
            continue
        raise ServiceError(f"weather service answered {status}")
    raise ServiceError("no attempt was made")
