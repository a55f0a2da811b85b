#!/usr/bin/env bash
# Builds rhizome and turns the bundled example documents into a knowledge graph in ./rhizome.sqlite
# (or $RHIZOME_STORE), offline unless RHIZOME_LLM is set; imports a small hand-written graph; then shows what
# the store holds, one entity, and the answer to a question.
# Safe to re-run: unchanged documents are skipped and cost nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --product rhizome
rhizome=.build/debug/rhizome

"$rhizome" ingest Examples/documents
echo
"$rhizome" import Examples/import/sqlite-people.json
echo
"$rhizome" status
echo
"$rhizome" documents list
echo
"$rhizome" graph entity "d. richard hipp"
echo
"$rhizome" query "Who designed SQLite?"
