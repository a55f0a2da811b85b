#!/usr/bin/env bash
# Builds rhizome and ingests the bundled example documents into ./rhizome.sqlite (or $RHIZOME_STORE),
# then shows what the store holds. Safe to re-run: unchanged documents are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --product rhizome
rhizome=.build/debug/rhizome

"$rhizome" ingest Examples/documents
echo
"$rhizome" status
echo
"$rhizome" documents list
