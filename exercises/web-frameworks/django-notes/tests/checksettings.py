"""The check's Django settings: the learner's config/settings.py, with the
database, DEBUG and ALLOWED_HOSTS replaced (the prompt says so)."""
import os

from config.settings import *  # noqa: F401,F403

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["NOTES_DB"]}}
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# With DEBUG off Django prints no traceback; the check shows the learner the
# end of what their app printed, so send the errors of requests to stderr.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["stderr"], "level": "ERROR"}},
}
