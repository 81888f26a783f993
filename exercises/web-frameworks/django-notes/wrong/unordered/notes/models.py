"""WRONG: no ordering: notes come in whatever order the database returns them."""
from django.db import models


class Note(models.Model):
    title = models.CharField(max_length=100)
    body = models.TextField(blank=True, default="")
    pinned = models.BooleanField(default=False)

    def as_json(self):
        return {"id": self.id, "title": self.title, "body": self.body, "pinned": self.pinned}
