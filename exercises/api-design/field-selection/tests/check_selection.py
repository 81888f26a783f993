"""Checks for selection.py. Usage: check_selection.py basics|aliases|errors|nulls|random"""
import copy
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Fail, Tap, call, short, describe  # noqa: E402

RNG = random.Random(int.from_bytes(os.urandom(8), "big"))
SYLLABLES = ["ka", "lo", "mi", "ra", "ten", "so", "vel", "dor", "an", "is", "ul", "bre", "qu", "zan", "fi", "mo"]


def word(lo=1, hi=3):
    return "".join(RNG.choice(SYLLABLES) for _ in range(RNG.randint(lo, hi)))


def make_data():
    """The book of the prompt's example, with random values (new every run); the shape stays the same."""
    reviews = [{"stars": RNG.randint(1, 5), "by": {"name": word().capitalize(), "karma": RNG.randint(0, 99)},
                "text": word(2, 4)} for _ in range(RNG.randint(2, 4))]
    reviews.insert(RNG.randint(1, len(reviews)), None)
    return {
        "id": RNG.randint(1, 99_999),
        "title": word(2, 4).capitalize(),
        "price": RNG.randint(100, 99_999) / 100,
        "in_stock": RNG.choice([True, False]),
        "author": {"name": f"{word().capitalize()} {word().capitalize()}", "born": RNG.randint(1800, 2005), "agent": None,
                   "address": {"city": word(2, 3).capitalize(), "country": RNG.choice(["US", "NL", "DE", "JP"])}},
        "tags": [word() for _ in range(RNG.randint(1, 4))],
        "reviews": reviews,
        "editions": [],
        "sequel": None,
    }


DATA = make_data()


def expect(mod, query, want=None, data=None):
    data = DATA if data is None else data
    if want is None:
        want = reference(data, query)
    before = copy.deepcopy(data)
    label = f"select_fields(data, {query!r})"
    got = call(mod.select_fields, data, query, label=label)
    if data != before:
        raise Fail(f"{label} modified data")
    if got != want or type(got) is not dict:
        raise Fail(f"{label} returned\n  {short(got, 600)}\nexpected\n  {want!r}\nwith data = {short(data, 600)}")
    if list(got) != list(want):
        raise Fail(f"{label} returned the keys in the order {list(got)!r}; expected {list(want)!r} (query order)")
    return got


def expect_error(mod, query, why, good, data=None):
    """query must raise SelectionError; the similar valid query good must not."""
    data = DATA if data is None else data
    label = f"select_fields(data, {query!r})"
    try:
        got = mod.select_fields(data, query)
    except mod.SelectionError:
        pass
    except Exception as exc:  # noqa: BLE001
        raise Fail(f"{label} raised {type(exc).__name__}: {exc}; expected SelectionError ({why})") from None
    else:
        raise Fail(f"{label} returned {short(got, 300)}; expected SelectionError ({why})")
    expect(mod, good, data=data)


def run_basics(tap, mod):
    tap.test("top-level scalar fields", lambda: expect(mod, "{ id title price in_stock }"))
    tap.test("keys follow the query's order", lambda: expect(mod, "{ title id }"))
    tap.test("a nested object with a selection set", lambda: expect(mod, "{ author { name address { city } } }"))
    tap.test("a list of objects: the selection applies to each element", lambda: expect(
        mod, "{ reviews { stars by { name } } }"))
    tap.test("a list of scalars is returned as a list", lambda: expect(mod, "{ tags }"))
    tap.test("commas, newlines and tabs are insignificant", lambda: expect(
        mod, "{\n\tid,,title ,\n author{name,born}\n}", reference(DATA, "{ id title author { name born } }")))
    tap.test("the example from the prompt", lambda: expect(
        mod, "{ title, author { name } reviews { stars who: by { name } } tags }"))


def run_aliases(tap, mod):
    tap.test("an alias renames a field", lambda: expect(mod, "{ name: title }", {"name": DATA["title"]}))
    tap.test("the same field twice under two aliases", lambda: expect(
        mod, "{ who: author { name } when: author { born } }",
        {"who": {"name": DATA["author"]["name"]}, "when": {"born": DATA["author"]["born"]}}))
    tap.test("aliases inside lists and nested objects", lambda: expect(
        mod, "{ reviews { rating: stars reviewer: by { n: name } } }"))
    tap.test("an alias equal to another field's name", lambda: expect(
        mod, "{ id: title title: id }", {"id": DATA["title"], "title": DATA["id"]}))


def run_errors(tap, mod):
    tap.test("an unknown field", lambda: expect_error(mod, "{ id nope }", "nope is not a field", "{ id }"))
    tap.test("an unknown nested field", lambda: expect_error(
        mod, "{ author { nmae } }", "typo in a nested field", "{ author { name } }"))
    tap.test("an object without a selection set", lambda: expect_error(
        mod, "{ author }", "objects need a selection", "{ author { born } }"))
    tap.test("a list of objects without a selection set", lambda: expect_error(
        mod, "{ reviews }", "objects need a selection", "{ reviews { text } }"))
    tap.test("a selection set on a scalar", lambda: expect_error(
        mod, "{ title { length } }", "scalars have no fields", "{ title }"))
    tap.test("a selection set on a list of scalars", lambda: expect_error(
        mod, "{ tags { x } }", "scalars have no fields", "{ tags }"))
    tap.test("a response key used twice", lambda: expect_error(
        mod, "{ title title }", "keys must be unique", "{ title t: title }"))
    for query, why, good in (("{ id", "missing closing brace", "{ id }"), ("id title", "missing braces", "{id title}"),
                             ("{}", "empty selection set", "{ price }"),
                             ("{ id }}", "extra closing brace", "{ id }"), ("{ a: }", "alias without a field", "{ a: id }"),
                             ("{ :id }", "colon without an alias", "{ x:id }"),
                             ("{ ti-tle }", "invalid character", "{ title }"),
                             ("{ author { } }", "empty nested selection", "{ author { agent } }"),
                             ("", "empty query", "{ in_stock }"),
                             ("{ 1id }", "names start with a letter or _", "{ _1: id }")):
        tap.test(f"syntax error: {why}", lambda q=query, w=why, g=good: expect_error(mod, q, w, g))


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
            obj[f"o{i}_{word(1, 2)}"] = random_data(rng, depth - 1)
        elif depth > 0 and kind < 0.4:
            obj[f"l{i}_{word(1, 2)}"] = [random_data(rng, depth - 1) if rng.random() < 0.9 else None for _ in range(rng.randrange(0, 4))]
        elif kind < 0.5:
            obj[f"s{i}_{word(1, 2)}"] = [rng.randrange(9) for _ in range(rng.randrange(0, 4))]
        else:
            obj[f"v{i}_{word(1, 2)}"] = rng.choice([None, 0, rng.randint(-99, 99) / 4, word(), True, False, rng.randrange(100_000)])
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


def broken(rng, data, query):
    """query with one selected name replaced by a name the object does not have."""
    toks = query.split()
    spots = [i for i, t in enumerate(toks) if t[0].isalpha() and not t.endswith(":")]
    i = rng.choice(spots)
    toks[i] = "zz_" + word(1, 2)
    return " ".join(toks)


def run_random(tap, mod):
    def many():
        rng = random.Random(RNG.getrandbits(64))
        done = 0
        while done < 200:
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
            if done % 4 == 0:
                bad = broken(rng, data, query)
                try:
                    reference(data, bad)
                except KeyError:  # the unknown name is looked up in an object that exists
                    expect_error(mod, bad, "a field that the object does not have", query, data=data)
            done += 1

    def result_is_a_copy():
        label = "select_fields(data, '{ tags author { name } }')"
        tags = list(DATA["tags"])
        got = call(mod.select_fields, DATA, "{ tags author { name } }", label=label)
        if type(got) is not dict or type(got.get("tags")) is not list:
            raise Fail(f"{label} returned {describe(got)}; expected a dict with the list tags")
        got["tags"].append("mutated")
        if DATA["tags"] != tags:
            DATA["tags"][:] = tags
            raise Fail("appending to the result's tags list changed data['tags']: copy lists instead of sharing them")

    def deep():
        leaf = {"e": RNG.randint(0, 999), "f": word()}
        expect(mod, "{ a { b { c { d { e } } } } }", {"a": {"b": {"c": {"d": {"e": leaf["e"]}}}}},
               data={"a": {"b": {"c": {"d": leaf}}}})

    tap.test("200 random documents and selections, some with unknown fields", many)
    tap.test("the result does not share lists with the data", result_is_a_copy)
    tap.test("deep nesting", deep)


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
