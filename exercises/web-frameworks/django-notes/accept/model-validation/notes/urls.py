from django.urls import re_path

from . import views

urlpatterns = [
    re_path(r"^notes/$", views.notes),
    re_path(r"^notes/(?P<note_id>[0-9]+)/$", views.note),
]
