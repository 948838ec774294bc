"""A stand-in for xlwings Lite's decorators (``from xlwings import func, arg, ret``): they record.

Like Lite's, ``func`` registers a function under its name, ``arg`` sets an argument's converter options and
``doc`` (and refuses a name the function does not have), ``ret`` the return options; the function is returned
unchanged and callable.
"""

import inspect

REGISTERED: dict = {}


def _spec(f):
    if f.__name__ not in REGISTERED:
        params = inspect.signature(f).parameters
        REGISTERED[f.__name__] = {
            "f": f, "help": f.__doc__, "ret": {},
            "args": [[n, None if p.default is inspect.Parameter.empty else p.default] for n, p in params.items()],
            "docs": {}, "options": {}}
    return REGISTERED[f.__name__]


def func(f=None, **options):
    def inner(f):
        _spec(f)["options"].update(options)
        return f

    return inner if f is None else inner(f)


def arg(name, convert=None, doc=None, **options):
    def inner(f):
        spec = _spec(f)
        if name not in [a[0] for a in spec["args"]]:
            raise Exception(f"Invalid argument name '{name}'.")
        spec["docs"][name] = doc
        return f

    return inner


def ret(convert=None, **options):
    def inner(f):
        _spec(f)["ret"] = dict(options, convert=convert)
        return f

    return inner
