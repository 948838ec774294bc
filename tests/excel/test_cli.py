"""``xladdin serve`` refuses to start unsafely and writes a valid manifest (in-process, no server started)."""

from __future__ import annotations

import defusedxml.ElementTree as ET
from typer.testing import CliRunner

from xladdin.cli import app

runner = CliRunner()


def test_serve_without_token_is_refused():
    result = runner.invoke(app, ["serve"], env={"XLADDIN_TOKEN": "", "XLWINGS_LICENSE_KEY": "noncommercial"})
    assert result.exit_code == 2
    assert "jeton d'accès absent ou trop court" in result.output
    result = runner.invoke(app, ["serve", "--token", "court"], env={"XLWINGS_LICENSE_KEY": "noncommercial"})
    assert result.exit_code == 2


def test_serve_without_licence_key_explains_the_licence(monkeypatch):
    monkeypatch.delenv("XLWINGS_LICENSE_KEY", raising=False)
    result = runner.invoke(app, ["serve", "--token", "t" * 32])
    assert result.exit_code == 2
    assert "noncommercial" in result.output and "commerciale" in result.output


def test_print_manifest():
    from xladdin.excel.server import read_only_key

    env = {"XLADDIN_TOKEN": "a-long-enough-token-123", "XLWINGS_LICENSE_KEY": "noncommercial"}
    result = runner.invoke(app, ["serve", "--print-manifest", "--public-url", "https://bourses.example.ch"],
                           env=env)
    assert result.exit_code == 0, result.output
    root = ET.fromstring(result.stdout.encode())
    assert root.tag.endswith("OfficeApp")
    key = read_only_key("a-long-enough-token-123")
    meta_url = f"https://bourses.example.ch/xlwings/custom-functions-meta?key={key}"
    assert meta_url in result.stdout
    assert "a-long-enough-token-123" not in result.stdout           # the manifest carries the read-only key only
