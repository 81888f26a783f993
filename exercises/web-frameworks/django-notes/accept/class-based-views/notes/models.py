"""Note, with no Meta: the view decides the order."""
from django.db import models


class Note(models.Model):
    pinned = models.BooleanField(default=False)
    title = models.CharField("title", max_length=100)
    body = models.TextField(default="", blank=True)
