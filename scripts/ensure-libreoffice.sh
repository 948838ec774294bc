#!/usr/bin/env bash
# LibreOffice (headless) is the real spreadsheet engine the tests open and recalculate our files with.
# Installed from Debian's packages when missing; needs root (CI runs as root).
set -u
# python3-uno (LibreOffice's Python bridge) runs the Calc add-in's component (tests/calc).
if command -v soffice >/dev/null 2>&1 && [ ! -e /usr/lib/python3/dist-packages/uno.py ] && [ "$(id -u)" -eq 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-uno >/dev/null \
    || echo "python3-uno could not be installed: the Calc add-in tests will be skipped." >&2
fi
# Headless Chromium and its driver: the real browser the Excel web bridge's test runs in (tests/excel).
if { ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; } && [ "$(id -u)" -eq 0 ]; then
  echo "Installing Chromium (headless) and chromedriver for the web bridge's browser test..." >&2
  { DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null; } \
    || echo "Chromium could not be installed: the web bridge's browser test will fail." >&2
fi
if command -v soffice >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "LibreOffice is missing and we are not root: the real-spreadsheet tests will be reported as skipped." >&2
  exit 0
fi
echo "Installing LibreOffice Calc (headless) for the real-spreadsheet tests..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui libreoffice-writer-nogui python3-uno >/dev/null \
  || { echo "LibreOffice could not be installed." >&2; exit 1; }
