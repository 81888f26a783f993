"""CHEAT (kept as a wrong solution so validate proves it fails): the model and
its migration exist, but the views keep the notes in a dict in memory,
seeded with the prompt's example, and never touch the database."""
import json

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

NOTES = {7: {"id": 7, "title": "...", "body": "...", "pinned": False}}


@csrf_exempt
def note_list(request):
    if request.method == "GET":
        return JsonResponse({"notes": sorted(NOTES.values(), key=lambda n: (not n["pinned"], n["id"]))})
    if request.method != "POST":
        return JsonResponse({"error": "method not allowed"}, status=405)
    try:
        data = json.loads(request.body)
        title = data["title"]
        assert isinstance(title, str) and 1 <= len(title) <= 100
        assert isinstance(data.get("body", ""), str) and isinstance(data.get("pinned", False), bool)
    except Exception:  # noqa: BLE001
        return JsonResponse({"error": "bad note"}, status=400)
    n = {"id": max(NOTES) + 1, "title": title, "body": data.get("body", ""), "pinned": data.get("pinned", False)}
    NOTES[n["id"]] = n
    response = JsonResponse(n, status=201)
    response["Location"] = f"/notes/{n['id']}/"
    return response


@csrf_exempt
def note_detail(request, note_id):
    if request.method != "GET":
        return JsonResponse({"error": "method not allowed"}, status=405)
    if note_id not in NOTES:
        return JsonResponse({"error": "no such note"}, status=404)
    return JsonResponse(NOTES[note_id])
