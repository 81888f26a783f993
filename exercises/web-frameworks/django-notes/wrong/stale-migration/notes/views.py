"""The notes API: JSON in, JSON out, rows in the database."""
import json

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .models import Note


def error(status, message):
    return JsonResponse({"error": message}, status=status)


def parse_note(raw):
    """The fields of a new note from a request body, or a str saying what is wrong."""
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, ValueError):
        return "the body is not JSON"
    if not isinstance(data, dict):
        return "the body must be a JSON object"
    title, body, pinned = data.get("title"), data.get("body", ""), data.get("pinned", False)
    if not isinstance(title, str) or not 1 <= len(title) <= 100:
        return "title must be a string of 1 to 100 characters"
    if not isinstance(body, str):
        return "body must be a string"
    if not isinstance(pinned, bool):
        return "pinned must be true or false"
    return {"title": title, "body": body, "pinned": pinned}


@csrf_exempt  # a JSON API for programs, not a form in a browser session
@require_http_methods(["GET", "POST"])
def note_list(request):
    if request.method == "GET":
        return JsonResponse({"notes": [n.as_json() for n in Note.objects.all()]})
    fields = parse_note(request.body)
    if isinstance(fields, str):
        return error(400, fields)
    note = Note.objects.create(**fields)
    response = JsonResponse(note.as_json(), status=201)
    response["Location"] = f"/notes/{note.id}/"
    return response


@csrf_exempt
@require_http_methods(["GET"])
def note_detail(request, note_id):
    try:
        note = Note.objects.get(pk=note_id)
    except Note.DoesNotExist:
        return error(404, f"no note {note_id}")
    return JsonResponse(note.as_json())
