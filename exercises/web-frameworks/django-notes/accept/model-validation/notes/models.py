"""Note; lengths are checked by the model's own validation (full_clean)."""
from django.db import models


class Note(models.Model):
    title = models.CharField(max_length=100)
    body = models.TextField(blank=True, default="")
    pinned = models.BooleanField(default=False)

    class Meta:
        ordering = ("-pinned", "pk")

    def to_dict(self):
        return dict(id=self.pk, title=self.title, body=self.body, pinned=self.pinned)
