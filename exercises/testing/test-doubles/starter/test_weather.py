"""Tests for weather.get_temperature with test doubles: see prompt.md."""
import unittest
from unittest import mock

from weather import NotFound, ServiceError, get_temperature


class GetTemperatureTest(unittest.TestCase):
    pass  # add test_... methods


if __name__ == "__main__":
    unittest.main()
