from django.urls import path  # noqa: F401

from . import views  # noqa: F401

urlpatterns = [
    # TODO: /notes/ and /notes/<int:note_id>/
]
