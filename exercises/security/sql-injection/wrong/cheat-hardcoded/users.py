"""CHEAT (kept as a wrong solution so validate proves it fails): answers copied
from the checker's fixed data in tests/, no real query at all beyond one
harmless statement. Random users made at check time defeat it."""

_USERS = {
    ("admin", "correct horse"): {"id": 1, "username": "admin", "role": "admin"},
    ("alice", "wonderland"): {"id": 2, "username": "alice", "role": "user"},
    ("albert", "e=mc2"): {"id": 3, "username": "albert", "role": "user"},
    ("al_bundy", "shoes"): {"id": 4, "username": "al_bundy", "role": "user"},
    ("Alfred", "batcave"): {"id": 5, "username": "Alfred", "role": "user"},
    ("bob", "builder"): {"id": 6, "username": "bob", "role": "user"},
    ("o'brien", "shamrock"): {"id": 7, "username": "o'brien", "role": "user"},
}
_ALL = ["admin", "100%real", "albert", "bob", "alice", "al_bundy", "o'brien", "Alfred", "back\\slash"]
_FIND = {
    ("al", "username"): ["Alfred", "al_bundy", "albert", "alice"],
    ("al", "-username"): ["alice", "albert", "al_bundy", "Alfred"],
    ("", "created_at"): _ALL,
    ("", "-created_at"): ["back\\slash", "Alfred", "o'brien", "al_bundy", "alice", "albert", "bob", "100%real", "admin"],
    ("al_", "username"): ["al_bundy"],
    ("o'b", "username"): ["o'brien"],
    ("back\\", "username"): ["back\\slash"],
    ("AL_", "-username"): ["al_bundy"],
}


def login(conn, username, password):
    conn.execute("SELECT 1").fetchone()
    found = _USERS.get((username, password))
    return dict(found) if found else None


def find_users(conn, prefix, sort="username"):
    if sort not in ("username", "-username", "created_at", "-created_at"):
        raise ValueError(sort)
    conn.execute("SELECT 1").fetchone()
    return list(_FIND.get((prefix, sort), []))
