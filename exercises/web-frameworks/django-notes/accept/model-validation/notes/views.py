"""Function views; full_clean() enforces the model's max_length and blank rules."""
import json

from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt

from .models import Note


@csrf_exempt
def notes(request):
    if request.method == "GET":
        return JsonResponse({"notes": [n.to_dict() for n in Note.objects.all()]})
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    try:
        data = json.loads(request.body)
    except ValueError:
        return JsonResponse({"error": "not JSON"}, status=400)
    if not isinstance(data, dict):
        return JsonResponse({"error": "not an object"}, status=400)
    wrong_type = [k for k, t in (("title", str), ("body", str), ("pinned", bool))
                  if k in data and not isinstance(data[k], t)]
    if wrong_type or "title" not in data:
        return JsonResponse({"error": f"bad or missing: {wrong_type or ['title']}"}, status=400)
    note = Note(**{k: data[k] for k in ("title", "body", "pinned") if k in data})
    try:
        note.full_clean()
    except ValidationError as e:
        return JsonResponse({"error": "; ".join(e.messages)}, status=400)
    note.save()
    response = JsonResponse(note.to_dict(), status=201)
    response["Location"] = f"/notes/{note.pk}/"
    return response


@csrf_exempt
def note(request, note_id):
    note_id = int(note_id)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    try:
        return JsonResponse(get_object_or_404(Note, pk=note_id).to_dict())
    except Exception:  # noqa: BLE001 - Http404: the API answers JSON, not Django's page
        return JsonResponse({"error": f"no note {note_id}"}, status=404)
