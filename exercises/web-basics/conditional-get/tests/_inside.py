"""Runs inside the learner's process (see isolate.py), loaded before caching.py.

A datetime cannot cross the process boundary as plain data, so the checker
sends last_modified as an ISO 8601 string and respond() here rebuilds the
aware datetime before calling the learner's respond(). What it returns goes
back to the checker, which judges it in its own process.
"""
from datetime import datetime

MODULE = []


def after_import(module):
    MODULE[:] = [module]


def respond(method, request_headers, body, last_modified_iso, path):
    return MODULE[0].respond(method, request_headers, body, datetime.fromisoformat(last_modified_iso), path)
