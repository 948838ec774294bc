"""The ``xladdin`` command line: a thin face over the engine (no rule lives here)."""

from __future__ import annotations

import typer

app = typer.Typer(help="xladdin — bourses d'études (concordat, LBPE/RBPE) et crédits ECTS, pour Excel.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)


def _register_faces() -> None:
    """Each face owns its commands in its own module; this is the one place they are mounted."""
    from .bursary import cli as bursary_cli

    bursary_cli.register(app)
    # REGISTER — one line per face, added with a surgical edit:
    __import__("xladdin.io.cli", fromlist=["register"]).register(app)   # template, import
    __import__("xladdin.excel.cli", fromlist=["register"]).register(app)   # serve
    __import__("xladdin.whatif_cli", fromlist=["register"]).register(app)   # whatif, goalseek


_register_faces()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
