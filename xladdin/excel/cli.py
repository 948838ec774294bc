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


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def serve_cmd(
    host: str = typer.Option("127.0.0.1", "--host", help="Adresse d'écoute (défaut : boucle locale)."),
    port: int = typer.Option(8000, "--port", help="Port d'écoute."),
    token: str = typer.Option(None, "--token", envvar="XLADDIN_TOKEN", show_default=False,
                              help="Jeton d'accès exigé à chaque appel (préférer XLADDIN_TOKEN)."),
    public_url: str = typer.Option(None, "--public-url", envvar="XLADDIN_PUBLIC_URL",
                                   help="Adresse HTTPS publique du serveur : toutes les URL produites (manifeste, "
                                        "code des fonctions) en partent ; défaut : l'adresse d'écoute."),
    max_body_mb: int = typer.Option(0, "--max-body-mb", show_default=False,
                                    help="Taille maximale d'une requête (Mo ; défaut : 80 octets par cellule de "
                                         "XLADDIN_MAX_CELLS, soit 61 Mo)."),
    max_inflight_mb: int = typer.Option(0, "--max-inflight-mb", show_default=False,
                                        help="Mo de grandes requêtes traitées à la fois (défaut : 2 × la taille "
                                             "maximale) ; au-delà, réponse 503 avec Retry-After."),
    header_timeout: float = typer.Option(10.0, "--header-timeout", min=0.1,
                                         help="Secondes pour recevoir la ligne de requête et les en-têtes ; "
                                              "au-delà, la connexion est fermée."),
    idle_timeout: float = typer.Option(30.0, "--idle-timeout", min=0.1,
                                       help="Secondes de silence tolérées pendant la réception d'un corps (408)."),
    keep_alive: float = typer.Option(5.0, "--keep-alive", min=0.1,
                                     help="Secondes pendant lesquelles une connexion inactive reste ouverte."),
    licence: str = typer.Option(None, "--xlwings-licence", envvar="XLWINGS_LICENSE_KEY", show_default=False,
                                help="Clé xlwings PRO : « noncommercial » (administrations publiques, "
                                     "enseignement ; PolyForm Noncommercial) ou une clé commerciale."),
    ssl_certfile: str = typer.Option(None, "--ssl-certfile", help="Certificat TLS (Office exige HTTPS)."),
    ssl_keyfile: str = typer.Option(None, "--ssl-keyfile", help="Clé privée TLS."),
    access_log: bool = typer.Option(False, "--access-log/--no-access-log",
                                    help="Journal des requêtes (désactivé : les URL du manifeste portent la clé "
                                         "en lecture seule)."),
    print_manifest: bool = typer.Option(False, "--print-manifest",
                                        help="Écrit le manifeste du complément sur la sortie et s'arrête."),
):
    """Démarre le serveur xlwings des fonctions Excel (FastAPI + uvicorn), protégé par un jeton."""
    os.environ["XLWINGS_ON_SERVER"] = "true"
    if licence:
        os.environ["XLWINGS_LICENSE_KEY"] = licence
    elif not os.environ.get("XLWINGS_LICENSE_KEY"):
        raise XladdinError("xlwings_licence", detail="XLWINGS_LICENSE_KEY absente")
    from .server import create_app, manifest, public_base, uvicorn_options

    scheme = "https" if ssl_certfile else "http"
    base = public_base(public_url) if public_url else f"{scheme}://{_url_host(host)}:{port}"
    app = create_app(token, max_body=max_body_mb * 1024 * 1024 if max_body_mb > 0 else None,
                     max_inflight=max_inflight_mb * 1024 * 1024 if max_inflight_mb > 0 else None,
                     public_url=base, idle_timeout=idle_timeout)
    if print_manifest:
        typer.echo(manifest(base, token))
        return
    if not _loopback(host) and not ssl_certfile:
        console.print("[yellow]Attention : écoute hors de la boucle locale sans TLS ; placez le serveur "
                      "derrière un proxy HTTPS (le jeton circule dans chaque requête).")
    if not _loopback(host) and not public_url:
        console.print(f"[yellow]Attention : sans --public-url, les URL du manifeste et du code partent de {base} ; "
                      "donnez l'adresse que les postes atteignent (p. ex. celle du proxy HTTPS).")
    console.print(f"xladdin serve : {base} — manifeste : xladdin serve --print-manifest, ou {base}/manifest.xml "
                  "avec l'en-tête Authorization: Bearer <jeton>")
    import uvicorn

    uvicorn.run(app, host=host, port=port, access_log=access_log, ssl_certfile=ssl_certfile,
                ssl_keyfile=ssl_keyfile, log_level="info",
                **uvicorn_options(header_timeout=header_timeout, keep_alive=keep_alive))


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_cmd)
