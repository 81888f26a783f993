"""Checks for the Django notes project. usage: check_notes.py migration|views

`migration` runs `migrate` and `makemigrations --check` (tests/serve_app.py,
in a process of its own) on an empty SQLite file and reads the result with
sqlite3. `views` serves the project on the check's loopback and judges it
over HTTP, writing and reading the notes_note table directly: the ids,
titles, bodies and pins are drawn at check time, so neither canned answers
nor a store in the app's memory can pass.
"""
import glob
import os
import random
import sqlite3
import string
import subprocess
import sys
import tempfile

from taplib import Tap
from webcheck import HERE, App, expect_json, framework_missing

rng = random.SystemRandom()

POINTS = {
    "migration": [
        "notes/migrations/ holds a 0001_ migration",
        "migrate on an empty database creates notes_note",
        "notes_note has id, title varchar(100), body text, pinned bool, all NOT NULL",
        "makemigrations --check finds the migrations match the model",
    ],
    "views": [
        "GET /notes/ lists the notes in the database, pinned first, then by id",
        "GET /notes/<id>/ answers each note; an unknown id is a 404 JSON error",
        "POST /notes/ stores a note and answers 201 with it and its Location",
        "POST /notes/ answers bad input with a 400 JSON error and stores nothing",
        "other methods are 405",
    ],
}
COLUMNS = {"id": "integer", "title": "varchar(100)", "body": "text", "pinned": "bool"}


def words(n):
    return " ".join("".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(2, 8)))
                    for _ in range(n))


def fresh_db():
    fd, path = tempfile.mkstemp(prefix="notes-", suffix=".sqlite3")
    os.close(fd)
    os.unlink(path)  # Django creates it: the database starts empty
    return path


def columns(db):
    with sqlite3.connect(db) as conn:
        return {name: (ctype.lower(), bool(notnull))
                for _, name, ctype, notnull, _, _ in conn.execute("PRAGMA table_info(notes_note)")}


def migration(tap):
    files = sorted(os.path.basename(p) for p in glob.glob("notes/migrations/0001_*.py"))
    tap.ok(files, POINTS["migration"][0],
           "notes/migrations/ has no file named 0001_*.py; write the migration that creates the Note "
           "table (python3 manage.py makemigrations notes writes one)")
    db = fresh_db()
    try:
        run = subprocess.run([sys.executable, os.path.join(HERE, "serve_app.py"), "migrate", "0", "checksettings"],
                             env={**os.environ, "NOTES_DB": db}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             timeout=12)
        code, said = run.returncode, run.stdout.decode("utf-8", "replace").strip()[-1500:]
    except subprocess.TimeoutExpired as exc:
        code = None
        said = (exc.stdout or b"").decode("utf-8", "replace").strip()[-1500:]
        said = f"(stopped after 12 s: does importing your project wait for something?)\n{said}"
    migrated = code in (0, 3)
    have = columns(db) if migrated and os.path.exists(db) else {}
    applied = []
    if have:
        with sqlite3.connect(db) as conn:
            applied = [r[0] for r in conn.execute("SELECT name FROM django_migrations WHERE app = 'notes'")]
    if not migrated:
        why = f"migrate failed (exit status {code}); it printed:\n{said}"
    elif not have:
        why = "migrate succeeded but created no table notes_note: does a migration of the notes app create Note?"
    elif not applied:
        why = "notes_note exists, but no migration of the notes app is recorded as applied in django_migrations"
    else:
        why = None
    tap.ok(why is None, POINTS["migration"][1], why)
    wrong = []
    for name, ctype in COLUMNS.items():
        if name not in have:
            wrong.append(f"{name}: missing")
        elif have[name][0] != ctype:
            wrong.append(f"{name}: expected type {ctype}, got {have[name][0]}")
        elif not have[name][1] and name != "id":
            wrong.append(f"{name}: expected NOT NULL, but it allows NULL (null=True?)")
    extra = sorted(set(have) - set(COLUMNS))
    if extra:
        wrong.append(f"columns the prompt does not ask for: {', '.join(extra)}")
    tap.ok(have and not wrong, POINTS["migration"][2],
           "; ".join(wrong) if have else "there is no notes_note table to look at")
    tap.ok(code == 0, POINTS["migration"][3],
           "makemigrations --check --dry-run would write a new migration: your model and your migrations "
           f"differ. It printed:\n{said}" if code == 3 else f"not run: migrate failed\n{said}")


def note(i, title, body, pinned):
    return {"id": i, "title": title, "body": body, "pinned": pinned}


def rows(db):
    with sqlite3.connect(db) as conn:
        return [note(i, t, b, bool(p)) for i, t, b, p in
                conn.execute("SELECT id, title, body, pinned FROM notes_note ORDER BY id")]


def views(tap, app, db):
    # The lowest id is not pinned and the next one is, so the order the prompt asks
    # for is never plain id order; the rest are pinned at random.
    ids = sorted(rng.sample(range(2, 90_000), 5))
    pins = [False, True] + [rng.random() < 0.5 for _ in ids[2:]]
    seeded = [note(i, words(rng.randint(1, 4)), words(rng.randint(0, 6)), pinned)
              for i, pinned in zip(ids, pins)]
    try:
        with sqlite3.connect(db) as conn:
            for n in rng.sample(seeded, len(seeded)):
                conn.execute("INSERT INTO notes_note (id, title, body, pinned) VALUES (?, ?, ?, ?)",
                             (n["id"], n["title"], n["body"], n["pinned"]))
    except sqlite3.Error as exc:
        tap.fail_rest(f"the check could not write notes into notes_note after migrate: {exc} "
                      "(see the migration check)")
        tap.finish()
    ordered = sorted(seeded, key=lambda n: (not n["pinned"], n["id"]))

    def server_said(r):
        if r.status >= 500:
            tail = app.service.output(1200).strip()
            return f"\nyour app printed:\n{tail}" if tail else ""
        return ""

    def checked(r, status, want=None):
        try:
            expect_json(r, status, want)
        except AssertionError as exc:
            raise AssertionError(f"{exc}{server_said(r)}") from None

    def listing():
        r = app.get("/notes/")
        checked(r, 200)
        got = r.json()
        if got == {"notes": ordered}:
            return None
        listed = got.get("notes") if isinstance(got, dict) else None
        if isinstance(listed, list) and all(isinstance(n, dict) for n in listed):
            want_ids, got_ids = [n["id"] for n in ordered], [n.get("id") for n in listed]
            if sorted(want_ids) != sorted(i for i in got_ids if isinstance(i, int)) or len(got_ids) != len(want_ids):
                return (f"GET /notes/: the database holds the notes with ids {sorted(want_ids)}; "
                        f"your list has ids {got_ids}")
            by_id = {n["id"]: n for n in ordered}
            if got_ids != want_ids and all(n == by_id[n["id"]] for n in listed):
                return (f"GET /notes/: the notes are right but in the wrong order: ids {got_ids}; "
                        f"pinned first, then by id, is {want_ids}")
        checked(r, 200, {"notes": ordered})

    def detail():
        for n in seeded:
            checked(app.get(f"/notes/{n['id']}/"), 200, n)
        missing = max(ids) + rng.randint(1, 1000)
        r = app.get(f"/notes/{missing}/")
        checked(r, 404)
        if not isinstance(r.json(), dict) or not isinstance(r.json().get("error"), str):
            return f"GET /notes/{missing}/: expected a JSON object with an \"error\" string, got {r.text()}"

    def create():
        full = {"title": words(3)[:100], "body": words(8), "pinned": rng.random() < 0.5}
        bare = {"title": words(2)}
        for sent, want in ((full, full), (bare, {**bare, "body": "", "pinned": False})):
            before = {n["id"] for n in rows(db)}
            r = app.request("POST", "/notes/", body=sent)
            checked(r, 201)
            got = r.json()
            new = [n for n in rows(db) if n["id"] not in before]
            if len(new) != 1:
                return f"POST /notes/ {sent}: expected one new row in notes_note, found {len(new)}"
            if new[0] != {"id": new[0]["id"], **want}:
                return f"POST /notes/ {sent}: the row stored is {new[0]}; expected {want}"
            if got != new[0]:
                return f"POST /notes/ {sent}: answered {got}; the row stored is {new[0]}"
            loc = r.header("location") or ""
            if not loc.endswith(f"/notes/{new[0]['id']}/"):
                return f"POST /notes/: expected Location ending in /notes/{new[0]['id']}/, got {loc!r}"
            checked(app.get(f"/notes/{new[0]['id']}/"), 200, new[0])

    def invalid():
        t = words(1)
        bad = [b"{not json", b"[1, 2]", {"body": t}, {"title": ""}, {"title": "x" * 101}, {"title": 42},
               {"title": t, "body": 7}, {"title": t, "pinned": "yes"}]
        for sent in bad:
            before = rows(db)
            r = app.request("POST", "/notes/", body=sent,
                            headers={"Content-Type": "application/json"})
            shown = sent.decode() if isinstance(sent, bytes) else sent
            if r.status != 400:
                return f"POST /notes/ {shown}: expected 400, got {r.status}; body {r.text()}{server_said(r)}"
            checked(r, 400)
            if not isinstance(r.json(), dict) or not isinstance(r.json().get("error"), str):
                return f"POST /notes/ {shown}: expected a JSON object with an \"error\" string, got {r.text()}"
            if rows(db) != before:
                return f"POST /notes/ {shown}: answered 400 but changed notes_note"

    def methods():
        for method, path in (("PUT", f"/notes/{seeded[0]['id']}/"), ("DELETE", "/notes/")):
            r = app.request(method, path, body={"title": words(1)})
            if r.status != 405:
                return f"{method} {path}: expected 405, got {r.status}; body {r.text()}{server_said(r)}"

    for fn in (listing, detail, create, invalid, methods):
        tap.case(fn)


def main():
    mode = sys.argv[1]
    tap = Tap(POINTS[mode])
    missing = framework_missing("django")
    if missing:
        tap.fail_rest(missing)
        tap.finish()
    if not os.path.isfile("manage.py") or not os.path.isfile("notes/models.py"):
        tap.fail_rest("the project is missing: manage.py, config/ and notes/ (start from the starter)")
        tap.finish()
    if mode == "migration":
        migration(tap)
    else:
        db = fresh_db()
        with App("django", tap, settings="checksettings", env={"NOTES_DB": db}) as app:
            views(tap, app, db)
    tap.finish()


if __name__ == "__main__":
    main()
