"""Class-based views; the ordering is an order_by here, not Meta.ordering."""
import json

from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from .models import Note

FIELDS = ("id", "title", "body", "pinned")


class BadNote(ValueError):
    pass


def checked(payload):
    if type(payload) is not dict:
        raise BadNote("send a JSON object")
    title = payload.get("title")
    if type(title) is not str or not title or len(title) > 100:
        raise BadNote("title: 1 to 100 characters")
    body = payload.get("body", "")
    pinned = payload.get("pinned", False)
    if type(body) is not str:
        raise BadNote("body: a string")
    if type(pinned) is not bool:
        raise BadNote("pinned: true or false")
    return dict(title=title, body=body, pinned=pinned)


@method_decorator(csrf_exempt, name="dispatch")
class NotesView(View):
    http_method_names = ["get", "post"]

    def get(self, request):
        notes = Note.objects.order_by("-pinned", "id").values(*FIELDS)
        return JsonResponse({"notes": list(notes)})

    def post(self, request):
        try:
            note = Note.objects.create(**checked(json.loads(request.body.decode())))
        except (BadNote, ValueError, UnicodeDecodeError) as e:
            return JsonResponse({"error": str(e)}, status=400)
        response = JsonResponse({f: getattr(note, f) for f in FIELDS}, status=201)
        response["Location"] = "/notes/%d/" % note.pk
        return response


@method_decorator(csrf_exempt, name="dispatch")
class NoteView(View):
    http_method_names = ["get"]

    def get(self, request, note_id):
        found = Note.objects.filter(pk=note_id).values(*FIELDS).first()
        if found is None:
            return JsonResponse({"error": "not found"}, status=404)
        return JsonResponse(found)
