"""Checks for consumer.py. python3 tests/check_consumer.py GROUP"""
import datetime
import os
import random
import sqlite3
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import ChildError, Fail, Tap, short, describe  # noqa: E402
from isolate import Child  # noqa: E402


def msg(mid, account, amount):
    return {"id": mid, "account": account, "amount": amount}


def fresh_db(mod):
    d = tempfile.mkdtemp(prefix="consumer-")
    path = os.path.join(d, "bank.db")
    mod.init_db(path)
    return path


def balances(path):
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT name, balance FROM accounts ORDER BY name"))
    finally:
        conn.close()


def processed(path):
    conn = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in conn.execute("SELECT message_id FROM processed_messages"))
    finally:
        conn.close()


def processed_times(path):
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.execute("SELECT message_id, processed_at FROM processed_messages"))
    finally:
        conn.close()


def near_now(at):
    """True if `at` is a time within a day of now (so any time zone is fine): a text that
    datetime.fromisoformat reads (datetime('now') gives '2024-05-01 12:00:00') or a Unix time in
    seconds or milliseconds."""
    now = time.time()
    if isinstance(at, str):
        try:
            dt = datetime.datetime.fromisoformat(at.strip().replace("Z", "+00:00"))
        except ValueError:
            return False
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=datetime.timezone.utc)
        at = dt.timestamp()
    elif isinstance(at, (int, float)) and not isinstance(at, bool):
        at = at / 1000 if at > 1e11 else at
    else:
        return False
    return abs(at - now) < 86400


def sql(path, script):
    conn = sqlite3.connect(path)
    try:
        conn.executescript(script)
    finally:
        conn.close()


def expect_balances(path, want, context):
    got = balances(path)
    if got != want:
        raise Fail(f"{context}: expected balances {want}, got {got}")


def group_applies(t, mod):
    db = fresh_db(mod)

    def first():
        r = mod.handle(db, msg("m-1", "alice", 500))
        if r is not True:
            raise Fail(f"expected handle(db, {msg('m-1', 'alice', 500)}) to return True, got {describe(r)}")
        expect_balances(db, {"alice": 500}, "after one message")

    def second():
        r = mod.handle(db, msg("m-2", "alice", 250))
        if r is not True:
            raise Fail(f"a new message id must be applied: expected True, got {describe(r)}")
        expect_balances(db, {"alice": 750}, "after m-1 (+500) and m-2 (+250)")

    def refund():
        mod.handle(db, msg("m-3", "alice", -100))
        mod.handle(db, msg("m-4", "bob", 42))
        expect_balances(db, {"alice": 650, "bob": 42}, "after m-3 (alice -100) and m-4 (bob +42)")

    def recorded():
        got = processed(db)
        if got != ["m-1", "m-2", "m-3", "m-4"]:
            raise Fail(f"expected processed_messages to hold the ids ['m-1', 'm-2', 'm-3', 'm-4'], got {got}")
        for mid, at in processed_times(db):
            if not near_now(at):
                raise Fail(f"processed_at of {mid} is {describe(at)}: set it to the current time when the "
                           "message is processed, e.g. datetime('now')")

    for fn in (first, second, refund, recorded):
        t.case(fn)


def group_redelivery(t, mod):
    def thrice():
        db = fresh_db(mod)
        m = msg("m-1", "alice", 500)
        got = [mod.handle(db, dict(m)) for _ in range(3)]
        if got != [True, False, False]:
            raise Fail(f"delivering the same message 3 times: expected returns [True, False, False], got {got}")

    def once():
        db = fresh_db(mod)
        for _ in range(3):
            mod.handle(db, msg("m-1", "alice", 500))
        expect_balances(db, {"alice": 500}, "the same message delivered 3 times must be applied once")

    def by_id():
        db = fresh_db(mod)
        mod.handle(db, msg("m-1", "alice", 500))
        r = mod.handle(db, msg("m-1", "alice", 999))
        if r is not False:
            raise Fail(f"a message whose id was already processed is a duplicate, whatever its body: expected False, got {describe(r)}")
        expect_balances(db, {"alice": 500}, "after m-1 (+500) and a redelivered m-1 with a different amount")

    def interleaved():
        db = fresh_db(mod)
        seq = [msg("m-1", "alice", 100), msg("m-2", "bob", 10), msg("m-1", "alice", 100),
               msg("m-3", "alice", 1), msg("m-2", "bob", 10), msg("m-3", "alice", 1)]
        got = [mod.handle(db, m) for m in seq]
        if got != [True, True, False, True, False, False]:
            raise Fail(f"for ids m-1 m-2 m-1 m-3 m-2 m-3 expected [True, True, False, True, False, False], got {got}")
        expect_balances(db, {"alice": 101, "bob": 10}, "after interleaved redeliveries")

    def random_deliveries():
        rng = random.Random(int.from_bytes(os.urandom(8), "big"))  # new every run
        db = fresh_db(mod)
        sent, want, seen, log = [], {}, set(), []
        for i in range(40):
            if sent and rng.random() < 0.4:
                m = dict(rng.choice(sent))  # a redelivery
            else:
                m = msg(f"evt-{rng.randrange(10**9)}", rng.choice(["alice", "bob", "carol"]), rng.randint(-500, 500))
                sent.append(m)
            expected = m["id"] not in seen
            if expected:
                seen.add(m["id"])
                want[m["account"]] = want.get(m["account"], 0) + m["amount"]
            r = mod.handle(db, dict(m))
            log.append(f"{m['id']} {m['account']} {m['amount']:+d}")
            if r is not expected:
                raise Fail(f"after the deliveries {'; '.join(log[-6:])}: handle returned {describe(r)} for the last one; "
                           f"expected {expected} ({'new id' if expected else 'a redelivery'})")
        expect_balances(db, dict(sorted(want.items())), "after 40 random deliveries with redeliveries")

    for fn in (thrice, once, by_id, interleaved, random_deliveries):
        t.case(fn)


def in_child(db, m):
    """handle(db, m) in a brand-new process of the learner's code (a restarted consumer)."""
    c = Child("consumer")
    err = c.start()
    if err:
        raise Fail(f"starting a new consumer process failed: {err}")
    try:
        return c.module.handle(db, m)
    except ChildError as exc:
        raise Fail(f"handle() in a new process failed: {exc}") from None
    except Exception as exc:  # noqa: BLE001
        raise Fail(f"handle() in a new process raised {type(exc).__name__}: {exc}") from None
    finally:
        c.stop()


def group_restart(t, mod):
    db = fresh_db(mod)

    def first_process():
        r = in_child(db, msg("m-1", "alice", 500))
        if r is not True:
            raise Fail(f"process 1: expected handle() to return True, got {r!r}")

    def after_restart():
        r = in_child(db, msg("m-1", "alice", 500))
        if r is not False:
            raise Fail("the consumer restarted (a new process) and the broker redelivered m-1: "
                       f"expected False, got {r!r}; remember processed ids in the database, not in memory")
        expect_balances(db, {"alice": 500}, "after a redelivery to a restarted consumer")

    def same_process_after_child():
        r = mod.handle(db, msg("m-1", "alice", 500))
        if r is not False:
            raise Fail(f"m-1 was processed by another process using the same database: expected False, got {r!r}")
        r = mod.handle(db, msg("m-2", "alice", 1))
        if r is not True:
            raise Fail(f"a new message m-2 after the restart: expected True, got {r!r}")
        expect_balances(db, {"alice": 501}, "after m-1 (+500, another process) and m-2 (+1)")

    for fn in (first_process, after_restart, same_process_after_child):
        t.case(fn)


def group_atomic(t, mod):
    def failing_apply():
        db = fresh_db(mod)
        sql(db, """CREATE TRIGGER frozen_ins BEFORE INSERT ON accounts WHEN NEW.name = 'frozen'
                   BEGIN SELECT RAISE(ABORT, 'account frozen'); END;
                   CREATE TRIGGER frozen_upd BEFORE UPDATE ON accounts WHEN NEW.name = 'frozen'
                   BEGIN SELECT RAISE(ABORT, 'account frozen'); END;""")
        m = msg("m-9", "frozen", 70)
        try:
            r = mod.handle(db, m)
        except Exception:
            r = "raised"
        if "m-9" in processed(db):
            raise Fail("applying m-9 failed (the database refused the balance update), but m-9 was recorded "
                       f"as processed (handle returned {r!r}); the redelivery will be skipped and the money is lost. "
                       "Record the id and update the balance in ONE transaction.")
        sql(db, "DROP TRIGGER frozen_ins; DROP TRIGGER frozen_upd;")
        r = mod.handle(db, m)
        if r is not True:
            raise Fail(f"after the failure was fixed, the redelivered m-9 must be applied: expected True, got {r!r}")
        expect_balances(db, {"frozen": 70}, "after the failed and then successful delivery of m-9")

    def failing_mark():
        db = fresh_db(mod)
        mod.handle(db, msg("m-1", "alice", 500))
        sql(db, """CREATE TRIGGER no_mark BEFORE INSERT ON processed_messages WHEN NEW.message_id = 'm-boom'
                   BEGIN SELECT RAISE(ABORT, 'disk full'); END;""")
        try:
            mod.handle(db, msg("m-boom", "alice", 300))
        except Exception:
            pass
        expect_balances(db, {"alice": 500}, "recording m-boom as processed failed, so its balance change must be "
                        "rolled back too (otherwise the redelivery applies it twice)")
        sql(db, "DROP TRIGGER no_mark;")
        mod.handle(db, msg("m-boom", "alice", 300))
        mod.handle(db, msg("m-boom", "alice", 300))
        expect_balances(db, {"alice": 800}, "after m-boom was redelivered twice once the database recovered")

    for fn in (failing_apply, failing_mark):
        t.case(fn)


INVALID = [
    {"account": "alice", "amount": 5},
    {"id": "", "account": "alice", "amount": 5},
    {"id": 17, "account": "alice", "amount": 5},
    {"id": "m-1", "amount": 5},
    {"id": "m-1", "account": "", "amount": 5},
    {"id": "m-1", "account": 7, "amount": 5},
    {"id": "m-1", "account": "alice"},
    {"id": "m-1", "account": "alice", "amount": "5"},
    {"id": "m-1", "account": "alice", "amount": 5.5},
    {"id": "m-1", "account": "alice", "amount": True},
]


def group_validation(t, mod):
    def one(m):
        db = fresh_db(mod)
        try:
            r = mod.handle(db, m)
        except ValueError:
            pass
        else:
            raise Fail(f"expected handle(db, {m!r}) to raise ValueError, it returned {describe(r)}")
        if balances(db) or processed(db):
            raise Fail(f"handle(db, {m!r}) raised ValueError but changed the database: "
                       f"accounts={balances(db)}, processed={processed(db)}")
        ok = msg(f"evt-{random.randrange(10**9)}", "dora", random.randint(1, 999))
        r = mod.handle(db, ok)
        if r is not True or balances(db) != {"dora": ok["amount"]}:
            raise Fail(f"invalid messages must raise ValueError, but valid ones must still work: handle(db, {ok!r}) "
                       f"returned {describe(r)} and left the balances {balances(db)}")

    for m in INVALID:
        t.case(lambda m=m: one(m))


GROUPS = {
    "applies": (group_applies, ["first delivery returns True and credits the account",
                                "a second message id is applied too",
                                "negative amounts and other accounts",
                                "processed_messages holds every applied id and the time it was processed"]),
    "redelivery": (group_redelivery, ["same message three times returns True, False, False",
                                      "same message three times is applied once",
                                      "duplicates are detected by id, not by body",
                                      "interleaved redeliveries",
                                      "random deliveries and redeliveries (new every run)"]),
    "restart": (group_restart, ["message handled in process 1",
                                "redelivery to a new process is ignored",
                                "the same database is shared between processes"]),
    "atomic": (group_atomic, ["a failed balance update does not mark the message processed",
                              "a failed mark does not leave the balance changed"]),
    "validation": (group_validation, [f"invalid message {m!r} raises ValueError" for m in INVALID]),
}


def main():
    fn, descs = GROUPS[sys.argv[1]]
    t = Tap(descs)
    mod = t.load("consumer")
    fn(t, mod)
    t.finish()


main()
