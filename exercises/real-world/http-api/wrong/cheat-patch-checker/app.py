# CHEAT (kept as a wrong solution so validate proves it fails): reach into the
# checker from the learner's module and make every test point report "ok";
# the application itself answers 200 "{}" to everything.
import gc as _gc


def _patch():
    for obj in list(_gc.get_objects()):
        if isinstance(obj, type) and obj.__name__ == "Tap":
            original = obj.__dict__.get("_emit")
            if original is not None:
                obj._emit = lambda self, ok, diag=None, _o=original: _o(self, True)


_patch()


def create_app(db_path):
    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "application/json")])
        return [b"{}"]
    return app
