"""Checks for config.py. usage: check_config.py types|errors|complete"""
import os
import random
import sys

from taplib import Tap, child, describe

DB = "postgres://app@db.internal:5432/app"


def fields(cfg):
    names = ("database_url", "port", "debug", "workers", "allowed_hosts", "log_level", "request_timeout")
    return {n: getattr(cfg, n, "<missing>") for n in names}


def loads(mod, env, **want):
    def run():
        before = dict(env)
        try:
            cfg = mod.load_config(env)
        except mod.ConfigError as exc:
            return f"load_config({env!r}) raised ConfigError:\n{exc}"
        got = fields(cfg)
        for key, value in want.items():
            if got[key] != value or type(got[key]) is not type(value):
                return (f"load_config({env!r})\nexpected {key} = {value!r} ({type(value).__name__}), "
                        f"got {got[key]!r} ({type(got[key]).__name__})")
        if env != before:
            return f"load_config must not modify the environment it reads: {before!r} became {env!r}"
    return run


def problem(mod, env, var, what):
    def run():
        try:
            cfg = mod.load_config(env)
        except mod.ConfigError as exc:
            lines = str(exc).splitlines()
            if not any(line.startswith(var) for line in lines):
                return f"load_config({env!r}): the ConfigError has no line starting with {var}:\n{exc}"
            return None
        except Exception as exc:
            return f"load_config({env!r}) ({what}): expected ConfigError, got {type(exc).__name__}: {exc}"
        return f"load_config({env!r}) ({what}): expected ConfigError naming {var}, got {cfg!r}"
    return run


def types(tap, mod):
    tap.test("defaults apply when only DATABASE_URL is set",
              loads(mod, {"DATABASE_URL": DB}, database_url=DB, port=8000, debug=False, workers=2,
                    allowed_hosts=[], log_level="INFO", request_timeout=30.0))
    full = {"DATABASE_URL": "sqlite:///tmp/app.db", "PORT": "8080", "DEBUG": "true", "WORKERS": "4",
            "ALLOWED_HOSTS": "example.com,api.example.com", "LOG_LEVEL": "WARNING", "REQUEST_TIMEOUT": "2.5"}
    tap.test("every variable set gets typed values",
              loads(mod, full, database_url="sqlite:///tmp/app.db", port=8080, debug=True, workers=4,
                    allowed_hosts=["example.com", "api.example.com"], log_level="WARNING", request_timeout=2.5))

    def booleans():
        for raw, want in (("YES", True), ("on", True), ("1", True), (" False ", False), ("no", False),
                          ("OFF", False), ("0", False)):
            diag = loads(mod, {"DATABASE_URL": DB, "DEBUG": raw}, debug=want)()
            if diag:
                return diag
    tap.test("DEBUG accepts yes/on/1 and false/no/off/0 in any case", booleans)
    tap.test("ALLOWED_HOSTS items are stripped and empty ones dropped",
              loads(mod, {"DATABASE_URL": DB, "ALLOWED_HOSTS": " a.com, ,b.com,"}, allowed_hosts=["a.com", "b.com"]))
    tap.test("LOG_LEVEL is case-insensitive and stored upper case",
              loads(mod, {"DATABASE_URL": DB, "LOG_LEVEL": "debug"}, log_level="DEBUG"))
    tap.test("an empty or blank variable counts as not set",
              loads(mod, {"DATABASE_URL": DB, "PORT": "", "DEBUG": "  ", "WORKERS": "", "LOG_LEVEL": ""},
                    port=8000, debug=False, workers=2, log_level="INFO"))
    tap.test("spaces around an int are fine: ' 8080 '",
              loads(mod, {"DATABASE_URL": DB, "PORT": " 8080 "}, port=8080))

    def reads_os_environ():
        port = random.randint(1000, 9999)
        got = child().helper("from_os_environ", {"DATABASE_URL": "postgresql://from-os-environ/x", "PORT": str(port)})
        if (got["database_url"], got["port"]) != ("postgresql://from-os-environ/x", port):
            return (f"with os.environ = {{'DATABASE_URL': 'postgresql://from-os-environ/x', 'PORT': '{port}'}}, "
                    f"load_config() without an argument must read os.environ; got {describe(got)}")
    tap.test("load_config() with no argument reads os.environ", reads_os_environ)
    tap.test("random valid environments (new every run) give the right typed values", random_valid(mod))


def fresh_rng():
    """Seeded at check time: the random environments cannot be known in advance."""
    return random.Random(int.from_bytes(os.urandom(8), "big"))


def random_valid(mod):
    def run():
        rng = fresh_rng()
        for _ in range(15):
            want = {"database_url": rng.choice(["postgres://", "postgresql://", "sqlite://"]) + f"h{rng.randint(0, 99)}/db"}
            env = {"DATABASE_URL": want["database_url"]}
            port, workers = rng.randint(1, 65535), rng.randint(1, 64)
            timeout = rng.choice([0.5, 1.0, 2.25, 30.0, 120.0])
            truth = rng.choice([True, False])
            word = rng.choice(["true", "yes", "on", "1"] if truth else ["false", "no", "off", "0"])
            hosts = [f"h{i}.example" for i in range(rng.randint(0, 3))]
            level = rng.choice(["DEBUG", "INFO", "WARNING", "ERROR"])
            for var, raw, field, value in (("PORT", f" {port}", "port", port), ("WORKERS", str(workers), "workers", workers),
                                           ("REQUEST_TIMEOUT", str(timeout), "request_timeout", timeout),
                                           ("DEBUG", rng.choice([str.upper, str.lower, str.title])(word), "debug", truth),
                                           ("ALLOWED_HOSTS", " , ".join(hosts) + rng.choice(["", ","]), "allowed_hosts", hosts),
                                           ("LOG_LEVEL", rng.choice([str.upper, str.lower])(level), "log_level", level)):
                if rng.random() < 0.8:
                    env[var] = raw
                    want[field] = value
            diag = loads(mod, env, **want)()
            if diag:
                return diag
    return run


def random_invalid(mod):
    def run():
        rng = fresh_rng()
        bad = {"PORT": ["0", "65536", "x" + str(rng.randint(0, 9)), f"{rng.randint(1, 9)}.5"],
               "WORKERS": ["0", f"-{rng.randint(1, 9)}", "many"], "DEBUG": ["maybe", "2", "tru"],
               "LOG_LEVEL": ["loud", "TRACE"], "REQUEST_TIMEOUT": ["0", f"-{rng.randint(1, 9)}", "soon"]}
        for _ in range(10):
            env = {"DATABASE_URL": DB} if rng.random() < 0.7 else {}
            broken = rng.sample(sorted(bad), rng.randint(1, 3))
            for var in broken:
                env[var] = rng.choice(bad[var])
            expected = broken + ([] if "DATABASE_URL" in env else ["DATABASE_URL"])
            try:
                cfg = mod.load_config(dict(env))
            except mod.ConfigError as exc:
                lines = str(exc).splitlines()
                missing = [v for v in expected if not any(line.startswith(v) for line in lines)]
                if missing:
                    return f"load_config({env!r}): the ConfigError has no line for {missing}:\n{exc}"
                continue
            except Exception as exc:
                return f"load_config({env!r}): expected ConfigError, got {type(exc).__name__}: {exc}"
            return f"load_config({env!r}): expected ConfigError naming {expected}, got {cfg!r}"
    return run


def errors(tap, mod):
    tap.test("a missing DATABASE_URL is an error", problem(mod, {}, "DATABASE_URL", "missing"))
    tap.test("an empty DATABASE_URL is an error", problem(mod, {"DATABASE_URL": " "}, "DATABASE_URL", "empty"))
    tap.test("DATABASE_URL mysql://... is refused",
              problem(mod, {"DATABASE_URL": "mysql://db/app"}, "DATABASE_URL", "wrong scheme"))
    for value in ("eighty", "80.5", "0", "65536"):
        tap.test(f"PORT={value!r} is an error", problem(mod, {"DATABASE_URL": DB, "PORT": value}, "PORT", "bad port"))
    tap.test("DEBUG='maybe' is an error", problem(mod, {"DATABASE_URL": DB, "DEBUG": "maybe"}, "DEBUG", "bad bool"))
    tap.test("WORKERS='0' is an error", problem(mod, {"DATABASE_URL": DB, "WORKERS": "0"}, "WORKERS", "zero workers"))
    tap.test("LOG_LEVEL='verbose' is an error",
              problem(mod, {"DATABASE_URL": DB, "LOG_LEVEL": "verbose"}, "LOG_LEVEL", "bad level"))
    for value in ("0", "-1", "soon"):
        tap.test(f"REQUEST_TIMEOUT={value!r} is an error",
                  problem(mod, {"DATABASE_URL": DB, "REQUEST_TIMEOUT": value}, "REQUEST_TIMEOUT", "bad timeout"))
    tap.test("random invalid environments (new every run) name every bad variable", random_invalid(mod))


def complete(tap, mod):
    env = {"PORT": "eighty", "DEBUG": "maybe", "WORKERS": "-3", "LOG_LEVEL": "loud", "REQUEST_TIMEOUT": "0"}
    names = ["DATABASE_URL", "PORT", "DEBUG", "WORKERS", "LOG_LEVEL", "REQUEST_TIMEOUT"]

    def all_errors():
        try:
            mod.load_config(dict(env))
        except mod.ConfigError as exc:
            lines = str(exc).splitlines()
            missing = [n for n in names if not any(l.startswith(n) for l in lines)]
            if missing:
                return (f"load_config({env!r}) must report every problem at once; "
                        f"no line for {missing} in:\n{exc}")
            return None
        except Exception as exc:
            return f"expected ConfigError, got {type(exc).__name__}: {exc}"
        return "expected ConfigError"
    tap.test("every problem is reported in one ConfigError, one line each", all_errors)

    def no_leak():
        url = "mysql://root:hunter2@db.internal/app"
        try:
            mod.load_config({"DATABASE_URL": url})
        except mod.ConfigError as exc:
            if "hunter2" in str(exc) or url in str(exc):
                return f"the error message shows the DATABASE_URL, password included:\n{exc}"
            return None
        except Exception as exc:
            return f"expected ConfigError, got {type(exc).__name__}: {exc}"
        return "mysql:// must be refused"
    tap.test("the DATABASE_URL value never appears in an error", no_leak)

    def value_echo():
        try:
            mod.load_config({"DATABASE_URL": DB, "PORT": "eighty"})
        except mod.ConfigError as exc:
            if "eighty" not in str(exc):
                return f"say what was wrong: the message for PORT should show the bad value 'eighty':\n{exc}"
            return None
        except Exception as exc:
            return f"expected ConfigError, got {type(exc).__name__}"
        return "expected ConfigError"
    tap.test("a bad PORT is echoed so the operator sees it", value_echo)

    def frozen():
        cfg = mod.load_config({"DATABASE_URL": DB})
        try:
            cfg.port = 1
        except Exception:
            return None
        return "Config must stay a frozen dataclass: assigning cfg.port worked"
    tap.test("Config stays immutable", frozen)


GROUPS = {"types": (9, types), "errors": (14, errors), "complete": (4, complete)}

if __name__ == "__main__":
    plan, fn = GROUPS[sys.argv[1]]
    tap = Tap(plan)
    mod = tap.load("config", helpers="_inside.py")
    if not (isinstance(getattr(mod, "ConfigError", None), type) and callable(getattr(mod, "load_config", None))):
        tap.fail_rest("config.py must define ConfigError and load_config")
        tap.finish()
    try:
        fn(tap, mod)
    except Exception as exc:
        tap.fail_rest(f"{type(exc).__name__}: {exc}")
    tap.finish()
