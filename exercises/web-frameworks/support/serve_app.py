"""Run the learner's application: the process the check starts (webcheck.App), never the checker.

usage: serve_app.py flask PORT             ./app.py's `app`, served by Werkzeug on 127.0.0.1:PORT
       serve_app.py django PORT SETTINGS   `migrate`, then Django's WSGI application under wsgiref
       serve_app.py migrate 0 SETTINGS     `migrate`, then `makemigrations --check --dry-run`;
                                           exit 0, or 3 when the models and migrations differ

SETTINGS is a module in tests/ (the check's own settings, which start from
the learner's). The work directory (the learner's files) comes first on
sys.path, tests/ last, so the learner's modules are found as they would be
by `flask run` or `manage.py`. Errors go to stderr, which the checker shows.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [os.getcwd()] + [p for p in sys.path if p not in (HERE, "", os.getcwd())] + [HERE]


def flask_app():
    import flask
    try:
        import app as module
    except ImportError as exc:
        if getattr(exc, "name", None) == "app":
            sys.exit("app.py is missing: write your Flask application in app.py")
        raise
    application = getattr(module, "app", None)
    if not isinstance(application, flask.Flask):
        sys.exit(f"app.py must define `app = Flask(__name__)`; its `app` is {type(application).__name__}")
    return application


def django_setup(settings):
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
    import django
    from django.core.management import call_command
    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    return call_command


def main():
    kind, port = sys.argv[1], int(sys.argv[2])
    if kind == "flask":
        from werkzeug.serving import make_server
        server = make_server("127.0.0.1", port, flask_app(), threaded=False)
    elif kind == "django":
        django_setup(sys.argv[3])
        from django.core.wsgi import get_wsgi_application
        from wsgiref.simple_server import WSGIRequestHandler, make_server
        server = make_server("127.0.0.1", port, get_wsgi_application(), handler_class=WSGIRequestHandler)
    elif kind == "migrate":
        call_command = django_setup(sys.argv[3])
        try:
            call_command("makemigrations", check=True, dry_run=True, verbosity=1)
        except SystemExit as exc:
            sys.exit(3 if exc.code else 0)
        return
    else:
        sys.exit(f"serve_app.py: unknown kind {kind!r}")
    server.serve_forever()


if __name__ == "__main__":
    main()
