"""The ``xladdin`` command line: a thin face over the engine (no rule lives here)."""

from __future__ import annotations

import typer

app = typer.Typer(help="xladdin — bourses d'études (concordat, LBPE/RBPE) et crédits ECTS, pour Excel.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)


def _register_faces() -> None:
    """Each face owns its commands in its own module; this is the one place they are mounted."""
    from . import whatif_cli
    from .bursary import cli as bursary_cli
    from .credits.cli import app as credits_app
    from .excel import cli as excel_cli
    from .io import cli as io_cli

    bursary_cli.register(app)        # assess, explain, rules
    io_cli.register(app)             # template, import
    excel_cli.register(app)          # serve
    whatif_cli.register(app)         # whatif, goalseek
    app.add_typer(credits_app, name="credits")
    # REGISTER
    __import__(f"{__package__}.letters.cli", fromlist=["register"]).register(app)   # decisions
    __import__(f"{__package__}.calc.cli", fromlist=["register"]).register(app)      # calc build, calc install
    __import__(f"{__package__}.compare_cli", fromlist=["register"]).register(app)   # compare


_register_faces()


def main() -> None:
    try:
        app()
    except OSError as exc:          # a file the system refused, met where no face expected it: still no traceback
        from .io.output import os_error

        error = os_error(exc, getattr(exc, "filename", None) or "?", "read" if isinstance(exc, FileNotFoundError)
                         else "write")
        error.show()
        raise SystemExit(error.exit_code) from None


if __name__ == "__main__":
    main()
