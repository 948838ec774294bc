"""``xladdin serve``: the xlwings Server of the Excel functions (Excel on the web, Mac, Windows)."""

from __future__ import annotations

import ipaddress
import os

import typer
from rich.console import Console

from ..errors import XladdinError

console = Console(stderr=True)


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def serve_cmd(
    host: str = typer.Option("127.0.0.1", "--host", help="Adresse d'écoute (défaut : boucle locale)."),
    port: int = typer.Option(8000, "--port", help="Port d'écoute."),
    token: str = typer.Option(None, "--token", envvar="XLADDIN_TOKEN", show_default=False,
                              help="Jeton d'accès exigé à chaque appel (préférer XLADDIN_TOKEN)."),
    public_url: str = typer.Option(None, "--public-url", envvar="XLADDIN_PUBLIC_URL",
                                   help="Adresse HTTPS publique du serveur, écrite dans le manifeste."),
    max_body_mb: int = typer.Option(64, "--max-body-mb", help="Taille maximale d'une requête (Mo)."),
    licence: str = typer.Option(None, "--xlwings-licence", envvar="XLWINGS_LICENSE_KEY", show_default=False,
                                help="Clé xlwings PRO : « noncommercial » (administrations publiques, "
                                     "enseignement ; PolyForm Noncommercial) ou une clé commerciale."),
    ssl_certfile: str = typer.Option(None, "--ssl-certfile", help="Certificat TLS (Office exige HTTPS)."),
    ssl_keyfile: str = typer.Option(None, "--ssl-keyfile", help="Clé privée TLS."),
    access_log: bool = typer.Option(False, "--access-log/--no-access-log",
                                    help="Journal des requêtes (désactivé : les URL portent le jeton)."),
    print_manifest: bool = typer.Option(False, "--print-manifest",
                                        help="Écrit le manifeste du complément sur la sortie et s'arrête."),
):
    """Démarre le serveur xlwings des fonctions Excel (FastAPI + uvicorn), protégé par un jeton."""
    os.environ["XLWINGS_ON_SERVER"] = "true"
    if licence:
        os.environ["XLWINGS_LICENSE_KEY"] = licence
    elif not os.environ.get("XLWINGS_LICENSE_KEY"):
        raise XladdinError("xlwings_licence", detail="XLWINGS_LICENSE_KEY absente")
    from .server import DEFAULT_MAX_BODY, create_app, manifest

    app = create_app(token, max_body=max_body_mb * 1024 * 1024 if max_body_mb > 0 else DEFAULT_MAX_BODY,
                     public_url=public_url)
    scheme = "https" if ssl_certfile else "http"
    base = public_url or f"{scheme}://{host}:{port}"
    if print_manifest:
        typer.echo(manifest(base, token))
        return
    if not _loopback(host) and not ssl_certfile:
        console.print("[yellow]Attention : écoute hors de la boucle locale sans TLS ; placez le serveur "
                      "derrière un proxy HTTPS (le jeton circule dans chaque requête).")
    console.print(f"xladdin serve : {base} — manifeste : {base}/manifest.xml?token=…")
    import uvicorn

    uvicorn.run(app, host=host, port=port, access_log=access_log, ssl_certfile=ssl_certfile,
                ssl_keyfile=ssl_keyfile, log_level="info")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_cmd)
