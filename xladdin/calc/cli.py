"""``xladdin calc build`` and ``xladdin calc install``: the LibreOffice Calc extension."""

from __future__ import annotations

from pathlib import Path

import typer

app = typer.Typer(help="Fonctions xladdin dans LibreOffice Calc (extension .oxt).", no_args_is_help=True)


@app.command("build")
def build_cmd(out: Path = typer.Option(Path("xladdin.oxt"), "--out", "-o",
                                       help="Fichier de l'extension à écrire (.oxt, jamais écrasé).")):
    """Construit l'extension pour ce poste (elle importe le xladdin installé ici)."""
    from .extension import build

    typer.echo(f"extension écrite : {build(out)}")


@app.command("install")
def install_cmd(
    oxt: Path = typer.Argument(Path("xladdin.oxt"), help="L'extension construite par « xladdin calc build »."),
    shared: bool = typer.Option(False, "--shared", help="Pour tous les utilisateurs du poste (administrateur)."),
    profile: Path = typer.Option(None, "--profile", help="Profil LibreOffice à utiliser (par défaut le vôtre)."),
):
    """Installe l'extension avec « unopkg add » (LibreOffice doit être fermé)."""
    from .extension import install

    install(oxt, profile=profile, shared=shared)
    typer.echo(f"extension installée : {oxt}")


def register(parent: typer.Typer) -> None:
    parent.add_typer(app, name="calc")
