"""Checks for selection.py. Usage: check_selection.py basics|aliases|errors|nulls|random"""
import copy
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, call, short  # noqa: E402

DATA = {
    "id": 7,
    "title": "Dune",
    "price": 9.99,
    "in_stock": True,
    "author": {"name": "Frank Herbert", "born": 1920, "agent": None,
               "address": {"city": "Tacoma", "country": "US"}},
    "tags": ["sf", "classic"],
    "reviews": [
        {"stars": 5, "by": {"name": "Ann", "karma": 12}, "text": "Great"},
        {"stars": 3, "by": {"name": "Bob", "karma": 4}, "text": "Long"},
        None,
    ],
    "editions": [],
    "sequel": None,
}


def expect(mod, query, want, data=DATA):
    before = copy.deepcopy(data)
    label = f"select_fields(data, {query!r})"
    got = call(mod.select_fields, data, query, label=label)
    if data != before:
        raise Fail(f"{label} modified data")
    if got != want:
        raise Fail(f"{label} returned\n  {short(got, 600)}\nexpected\n  {want!r}")
    if list(got) != list(want):
        raise Fail(f"{label} returned the keys in the order {list(got)!r}; expected {list(want)!r} (query order)")
    return got


def expect_error(mod, query, why, data=DATA):
    label = f"select_fields(data, {query!r})"
    try:
        got = mod.select_fields(data, query)
    except mod.SelectionError:
        return
    except Exception as exc:  # noqa: BLE001
        raise Fail(f"{label} raised {type(exc).__name__}: {exc}; expected SelectionError ({why})") from None
    raise Fail(f"{label} returned {short(got, 300)}; expected SelectionError ({why})")


def run_basics(tap, mod):
    tap.test("top-level scalar fields", lambda: expect(
        mod, "{ id title price in_stock }", {"id": 7, "title": "Dune", "price": 9.99, "in_stock": True}))
    tap.test("keys follow the query's order", lambda: expect(mod, "{ title id }", {"title": "Dune", "id": 7}))
    tap.test("a nested object with a selection set", lambda: expect(
        mod, "{ author { name address { city } } }", {"author": {"name": "Frank Herbert", "address": {"city": "Tacoma"}}}))
    tap.test("a list of objects: the selection applies to each element", lambda: expect(
        mod, "{ reviews { stars by { name } } }",
        {"reviews": [{"stars": 5, "by": {"name": "Ann"}}, {"stars": 3, "by": {"name": "Bob"}}, None]}))
    tap.test("a list of scalars is returned as a list", lambda: expect(mod, "{ tags }", {"tags": ["sf", "classic"]}))
    tap.test("commas, newlines and tabs are insignificant", lambda: expect(
        mod, "{\n\tid,,title ,\n author{name,born}\n}",
        {"id": 7, "title": "Dune", "author": {"name": "Frank Herbert", "born": 1920}}))
    tap.test("the example from the prompt", lambda: expect(
        mod, "{ title, author { name } reviews { stars who: by { name } } tags }",
        {"title": "Dune", "author": {"name": "Frank Herbert"},
         "reviews": [{"stars": 5, "who": {"name": "Ann"}}, {"stars": 3, "who": {"name": "Bob"}}, None],
         "tags": ["sf", "classic"]}))


def run_aliases(tap, mod):
    tap.test("an alias renames a field", lambda: expect(mod, "{ name: title }", {"name": "Dune"}))
    tap.test("the same field twice under two aliases", lambda: expect(
        mod, "{ who: author { name } when: author { born } }",
        {"who": {"name": "Frank Herbert"}, "when": {"born": 1920}}))
    tap.test("aliases inside lists and nested objects", lambda: expect(
        mod, "{ reviews { rating: stars reviewer: by { n: name } } }",
        {"reviews": [{"rating": 5, "reviewer": {"n": "Ann"}}, {"rating": 3, "reviewer": {"n": "Bob"}}, None]}))
    tap.test("an alias equal to another field's name", lambda: expect(
        mod, "{ id: title title: id }", {"id": "Dune", "title": 7}))


def run_errors(tap, mod):
    tap.test("an unknown field", lambda: expect_error(mod, "{ id nope }", "nope is not a field"))
    tap.test("an unknown nested field", lambda: expect_error(mod, "{ author { nmae } }", "typo in a nested field"))
    tap.test("an object without a selection set", lambda: expect_error(mod, "{ author }", "objects need a selection"))
    tap.test("a list of objects without a selection set", lambda: expect_error(mod, "{ reviews }", "objects need a selection"))
    tap.test("a selection set on a scalar", lambda: expect_error(mod, "{ title { length } }", "scalars have no fields"))
    tap.test("a selection set on a list of scalars", lambda: expect_error(mod, "{ tags { x } }", "scalars have no fields"))
    tap.test("a response key used twice", lambda: expect_error(mod, "{ title title }", "keys must be unique"))
    for query, why in (("{ id", "missing closing brace"), ("id title", "missing braces"), ("{}", "empty selection set"),
                       ("{ id }}", "extra closing brace"), ("{ a: }", "alias without a field"),
                       ("{ :id }", "colon without an alias"), ("{ ti-tle }", "invalid character"),
                       ("{ author { } }", "empty nested selection"), ("", "empty query"), ("{ 1id }", "names start with a letter or _")):
        tap.test(f"syntax error: {why}", lambda q=query, w=why: expect_error(mod, q, w))


def run_nulls(tap, mod):
    tap.test("a null object with a selection set stays null", lambda: expect(
        mod, "{ sequel { title } }", {"sequel": None}))
    tap.test("a null field inside an object", lambda: expect(
        mod, "{ author { agent { name } } }", {"author": {"agent": None}}))
    tap.test("a null scalar without a selection", lambda: expect(mod, "{ sequel }", {"sequel": None}))
    tap.test("an empty list", lambda: expect(mod, "{ editions { year } }", {"editions": []}))


def reference(data, query):
    """Independent tiny implementation used to check random cases (no error cases)."""
    toks = query.replace("{", " { ").replace("}", " } ").replace(":", " : ").replace(",", " ").split()
    pos = 0

    def sel():
        nonlocal pos
        pos += 1
        items = []
        while toks[pos] != "}":
            key = name = toks[pos]
            pos += 1
            if toks[pos] == ":":
                name = toks[pos + 1]
                pos += 2
            sub = sel() if toks[pos] == "{" else None
            items.append((key, name, sub))
        pos += 1
        return items

    def shape(v, sub):
        if v is None:
            return None
        if isinstance(v, dict):
            return {k: shape(v[n], s) for k, n, s in sub}
        if isinstance(v, list):
            return [shape(x, sub) for x in v] if sub is not None else list(v)
        return v

    return shape(data, sel())


def random_data(rng, depth):
    obj = {}
    for i in range(rng.randrange(2, 6)):
        kind = rng.random()
        if depth > 0 and kind < 0.25:
            obj[f"o{i}"] = random_data(rng, depth - 1)
        elif depth > 0 and kind < 0.4:
            obj[f"l{i}"] = [random_data(rng, depth - 1) if rng.random() < 0.9 else None for _ in range(rng.randrange(0, 4))]
        elif kind < 0.5:
            obj[f"s{i}"] = [rng.randrange(9) for _ in range(rng.randrange(0, 4))]
        else:
            obj[f"v{i}"] = rng.choice([None, 0, 1.5, "x", True, rng.randrange(1000)])
    return obj


def random_query(rng, obj, depth=0):
    parts, used = [], set()
    keys = list(obj)
    rng.shuffle(keys)
    for name in keys[:rng.randrange(1, len(keys) + 1)]:
        value = obj[name]
        key = name if rng.random() < 0.7 else f"a_{name}"
        if key in used:
            continue
        used.add(key)
        prefix = f"{key}: {name}" if key != name else name
        sample = value
        if isinstance(value, list):
            sample = next((v for v in value if isinstance(v, dict)), None)
            if name.startswith("l") and sample is None:
                sample = {}
        if isinstance(sample, dict) and (name.startswith("o") or name.startswith("l")):
            inner = random_query(rng, sample, depth + 1) if sample else None
            if inner is None:
                continue
            parts.append(f"{prefix} {inner}")
        elif name.startswith("o"):
            continue
        else:
            parts.append(prefix)
    if not parts:
        return None
    sep = rng.choice([" ", ", ", "\n", " ,\t"])
    return "{ " + sep.join(parts) + " }"


def run_random(tap, mod):
    def many():
        rng = random.Random(31337)
        done = 0
        while done < 300:
            data = random_data(rng, 3)
            query = random_query(rng, data)
            if query is None:
                continue
            # list elements must share the selected keys: keep only lists whose objects have them all
            try:
                want = reference(data, query)
            except (KeyError, TypeError, IndexError):
                continue
            expect(mod, query, want, data=data)
            done += 1

    def result_is_a_copy():
        label = "select_fields(data, '{ tags author { name } }')"
        got = call(mod.select_fields, DATA, "{ tags author { name } }", label=label)
        got["tags"].append("mutated")
        if DATA["tags"] != ["sf", "classic"]:
            DATA["tags"][:] = ["sf", "classic"]
            raise Fail("appending to the result's tags list changed data['tags']: copy lists instead of sharing them")

    tap.test("300 random documents and selections", many)
    tap.test("the result does not share lists with the data", result_is_a_copy)
    tap.test("deep nesting", lambda: expect(
        mod, "{ a { b { c { d { e } } } } }", {"a": {"b": {"c": {"d": {"e": 1}}}}},
        data={"a": {"b": {"c": {"d": {"e": 1, "f": 2}}}}}))


MODES = {"basics": (7, run_basics), "aliases": (4, run_aliases), "errors": (17, run_errors),
         "nulls": (4, run_nulls), "random": (3, run_random)}


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in MODES:
        print(f"usage: check_selection.py {'|'.join(MODES)}", file=sys.stderr)
        sys.exit(2)
    plan, fn = MODES[mode]
    tap = Tap(plan)
    mod = tap.load("selection")
    if mod is not None and tap.need(mod, "select_fields", "SelectionError"):
        fn(tap, mod)
    tap.finish()


main()
