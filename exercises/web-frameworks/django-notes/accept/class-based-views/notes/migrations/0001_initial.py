"""Written by hand: one CreateModel for Note."""
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            "Note",
            [
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("pinned", models.BooleanField(default=False)),
                ("title", models.CharField("title", max_length=100)),
                ("body", models.TextField(default="", blank=True)),
            ],
        ),
    ]
