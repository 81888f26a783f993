import json  # noqa: F401

from django.http import JsonResponse  # noqa: F401

# TODO: the views of the prompt
