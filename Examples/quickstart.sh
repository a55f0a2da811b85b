#!/usr/bin/env bash
# Builds rhizome and turns the bundled example documents into a knowledge graph in ./rhizome.sqlite
# (or $RHIZOME_STORE), offline unless RHIZOME_LLM is set; imports a small hand-written graph; then shows what
# the store holds, one entity, and the answers to an English and a Korean question.
# Safe to re-run: unchanged documents are skipped and cost nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

# A release build: each command then starts in a fraction of a second (a debug build is 5-6x slower).
# The compiler's progress goes to .build/quickstart-build.log; on failure its end is shown.
echo "Building rhizome (release; 10-15 minutes on two cores the first time, which also fetches the Swift packages)..."
mkdir -p .build
if ! swift build -c release --product rhizome > .build/quickstart-build.log 2>&1; then
    tail -n 30 .build/quickstart-build.log
    echo "The build failed; the whole log is in .build/quickstart-build.log." >&2
    exit 1
fi
rhizome=.build/release/rhizome

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
echo
"$rhizome" query "Debian이라는 이름은 무슨 뜻인가요?"
