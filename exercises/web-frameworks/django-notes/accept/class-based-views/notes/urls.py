from django.urls import path

from .views import NotesView, NoteView

urlpatterns = [
    path("notes/", NotesView.as_view(), name="notes"),
    path("notes/<int:note_id>/", NoteView.as_view(), name="note"),
]
