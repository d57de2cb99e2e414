#!/usr/bin/env bash
# The project's test command (README, and CI through .ci/run): makes sure the Typesense server
# binary the push tests start is installed, then runs the whole suite. Extra arguments go to
# `cargo test` (`scripts/test.sh push` runs the push tests only).
set -euo pipefail
cd "$(dirname "$0")/.."
WARTA_TYPESENSE_BIN="$(bash scripts/install-typesense.sh)"
export WARTA_TYPESENSE_BIN
echo "test: Typesense server at $WARTA_TYPESENSE_BIN" >&2
cargo test "$@"
