# WRONG: written for an earlier model (max_length=200); the model says 100 and nobody ran makemigrations

from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='Note',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200)),
                ('body', models.TextField(blank=True, default='')),
                ('pinned', models.BooleanField(default=False)),
            ],
            options={
                'ordering': ['-pinned', 'id'],
            },
        ),
    ]
