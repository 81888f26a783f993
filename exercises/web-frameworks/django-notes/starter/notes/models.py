from django.db import models  # noqa: F401

# TODO: the Note model (see the prompt), then its migration in notes/migrations/
