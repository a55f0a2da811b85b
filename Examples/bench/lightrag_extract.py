#!/usr/bin/env python3
"""Run LightRAG's own entity/relation extraction on a fixed set of chunks.

This is a benchmark helper: it feeds the chunks of a CHUNKS.jsonl file, one at a
time, to LightRAG's extraction step (``lightrag.operate.extract_entities``) with
an OpenAI-compatible server (e.g. llama.cpp) as the LLM, and writes what LightRAG
extracted for each chunk as one JSON line.  Rhizome's benchmark reads those lines
to compare LightRAG with Rhizome on the same chunks and the same model.

LightRAG is measured as a user meets it: its own prompts, its own output parser
and its own defaults (LLM timeout, gleaning, record caps, text-delimited rather
than JSON mode, no temperature / max_tokens sent), except where the command line
says otherwise.  Only the chunking is bypassed, so that the chunks are exactly
ours.

Requirements:  pip install lightrag-hku==1.5.7 openai
(LightRAG's OpenAI helper needs the ``openai`` package; if it is missing,
LightRAG itself would run ``pip install --upgrade openai`` at import time, so
this script checks for it first and stops instead.)

No LightRAG code or prompt text is copied into this repository; this script only
imports the installed package.

Usage:
  lightrag_extract.py --chunks CHUNKS.jsonl --base-url http://127.0.0.1:18080/v1 \\
      --out RECORDS.jsonl [--gleaning N] [--limit N]

Input lines:  {"id", "language": "en"|"ko", "path", "title", "headingPath", "text"}
Output lines: {"id", "entities": [{"name", "type"}], "relations": [{"source",
  "target"}], "dropped", "truncated", "outputTokens", "seconds", "error"}
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

# --- tiktoken's o200k_base table, offline -------------------------------------
# LightRAG's default tokenizer is tiktoken "gpt-4o-mini" (o200k_base).  tiktoken
# downloads that table on first use; on a machine without network access we seed
# a private tiktoken cache (under the temp dir) with the byte-identical copy that
# Rhizome ships in Sources/CEmbeddedData (tiktoken checks its SHA-256).  This must
# happen before lightrag is imported.  An explicit TIKTOKEN_CACHE_DIR is respected.
_O200K_URL = "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken"
_O200K_SHA256 = "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d"


def _seed_tiktoken_cache() -> None:
    if os.environ.get("TIKTOKEN_CACHE_DIR") or os.environ.get("DATA_GYM_CACHE_DIR"):
        return
    cache_dir = Path(tempfile.gettempdir()) / "rhizome-bench-tiktoken"
    target = cache_dir / hashlib.sha1(_O200K_URL.encode()).hexdigest()
    if not target.exists():
        source = Path(__file__).resolve().parents[2] / "Sources" / "CEmbeddedData" / "o200k_base.tiktoken"
        if not source.exists() or hashlib.sha256(source.read_bytes()).hexdigest() != _O200K_SHA256:
            return  # let tiktoken try its own download
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    os.environ["TIKTOKEN_CACHE_DIR"] = str(cache_dir)


_seed_tiktoken_cache()

try:
    import openai  # noqa: F401  (see the docstring: keep LightRAG from pip-installing it)
except ImportError:
    sys.exit("the openai package is missing; run: pip install lightrag-hku==1.5.7 openai")

try:
    from lightrag import LightRAG
    from lightrag.exceptions import EmptyTruncatedResponseError
    from lightrag.llm.openai import openai_complete_if_cache
    from lightrag.operate import extract_entities
    from lightrag.utils import (
        EmbeddingFunc,
        TokenTracker,
        compute_mdhash_id,
        is_truncated_response,
        logger as lightrag_logger,
    )
    import lightrag as _lightrag_pkg
except ImportError as exc:  # pragma: no cover - environment problem
    sys.exit(f"lightrag is not importable ({exc}); run: pip install lightrag-hku==1.5.7")


# Korean: LightRAG has exactly one language knob, addon_params["language"]
# (SUMMARY_LANGUAGE for lightrag-server), default "English".  A user indexing
# Korean documents would set it to "Korean", so we do that for chunks whose
# "language" is "ko"; English chunks get LightRAG's default ("English").
LANGUAGE_NAMES = {"ko": "Korean"}

# Log messages with which LightRAG's text-mode parser (operate.py) reports a
# record it threw away.  "dropped" counts them per chunk.  Lines that carry no
# field delimiter at all are discarded silently by LightRAG and are not counted.
_DROP_MARKERS = (
    "LLM output format error; found",  # wrong number of fields (entity or relation)
    "Entity extraction error:",  # invalid / reserved / empty type, empty description
    "Relationship extraction error:",  # empty description
    "Empty entity name found after sanitization",
    "Empty source entity found after sanitization",
    "Empty target entity found after sanitization",
    "Relationship source and target are the same",  # logged at DEBUG
    "Entity extraction failed",
    "Relationship extraction failed",
)


class _ChunkState:
    """What the LLM wrapper and the log handler saw for the chunk in progress."""

    def __init__(self) -> None:
        self.tracker = TokenTracker()
        self.truncated = False
        self.finished_calls = 0
        self.dropped = 0
        self.warnings: list[str] = []
        self.raw: list[str] = []


class _DropCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.state: _ChunkState | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self.state is None:
            return
        try:
            message = record.getMessage()
        except Exception:
            return
        if any(marker in message for marker in _DROP_MARKERS):
            self.state.dropped += 1
        if record.levelno >= logging.WARNING:
            self.state.warnings.append(message)


def describe_error(exc: BaseException) -> str:
    """The exception as one line, with the last attempt behind a tenacity RetryError."""
    text = f"{type(exc).__name__}: {exc}".strip()
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        last_attempt = getattr(current, "last_attempt", None)
        if last_attempt is not None:
            try:
                inner = last_attempt.exception()
            except Exception:
                inner = None
            if inner is not None:
                return f"{text} (last attempt: {type(inner).__name__}: {inner})"
        current = current.__cause__ or current.__context__
    return text


def fetch_model_name(base_url: str) -> str:
    url = base_url.rstrip("/") + "/models"
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            payload = json.load(response)
    except Exception as exc:
        raise SystemExit(f"GET {url} failed: {exc}")
    ids = [m.get("id") for m in payload.get("data", []) if m.get("id")]
    if len(ids) != 1:
        raise SystemExit(f"expected exactly one model at {base_url}/models, got {ids}")
    return ids[0]


def read_chunks(path: str, limit: int | None) -> list[dict]:
    chunks = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                chunks.append(json.loads(line))
    return chunks[:limit] if limit is not None else chunks


def lightrag_chunk(chunk: dict, rag: LightRAG) -> tuple[str, dict]:
    """Our chunk in the shape LightRAG's chunker stores (TextChunkSchema + heading)."""
    text = chunk["text"]
    key = compute_mdhash_id(text, prefix="chunk-")  # LightRAG's own chunk-id scheme
    record = {
        "tokens": len(rag.tokenizer.encode(text)),
        "content": text,
        "full_doc_id": compute_mdhash_id(chunk.get("path") or chunk["id"], prefix="doc-"),
        "chunk_order_index": 0,
        "file_path": chunk.get("path") or chunk["id"],
    }
    # LightRAG's structured chunkers attach the heading breadcrumb, which its
    # extraction prompt shows as "---Section Context---"; Rhizome's prompt shows
    # the same heading path, so both systems see it.
    heading_path = [h for h in chunk.get("headingPath") or [] if h and h.strip()]
    if heading_path:
        record["heading"] = {
            "level": len(heading_path),
            "heading": heading_path[-1],
            "parent_headings": heading_path[:-1],
        }
    return key, record


async def run(args: argparse.Namespace) -> int:
    model = args.model or fetch_model_name(args.base_url)
    chunks = read_chunks(args.chunks, args.limit)

    state_box: dict[str, _ChunkState] = {"state": _ChunkState()}

    # The LLM function LightRAG calls, shaped like lightrag-server's OpenAI-alike
    # binding: LightRAG's own openai_complete_if_cache (its retries, its
    # finish_reason handling) plus a TokenTracker for usage.completion_tokens.
    # A length-truncated completion comes back as LightRAG's TruncatedResponse.
    async def llm_model_func(prompt, system_prompt=None, history_messages=None, **kwargs):
        state = state_box["state"]
        kwargs["timeout"] = rag.default_llm_timeout
        try:
            result = await openai_complete_if_cache(
                model,
                prompt,
                system_prompt=system_prompt,
                history_messages=history_messages or [],
                base_url=args.base_url,
                api_key=args.api_key,
                token_tracker=state.tracker,
                **kwargs,
            )
        except EmptyTruncatedResponseError:
            state.truncated = True
            raise
        state.finished_calls += 1
        if is_truncated_response(result):
            state.truncated = True
        state.raw.append(str(result))
        return result

    # LightRAG's vector storages refuse to start without an embedding function.
    # Extraction never embeds anything, so this trivial deterministic one is never
    # called; it only satisfies the constructor.
    async def unused_embedding(texts: list[str], **_: object):
        import numpy as np

        return np.array(
            [[b / 255.0 for b in hashlib.sha256(t.encode()).digest()[:8]] for t in texts],
            dtype=np.float32,
        )

    llm_model_kwargs: dict[str, object] = {}
    if args.temperature is not None:
        llm_model_kwargs["temperature"] = args.temperature
    if args.max_tokens is not None:
        llm_model_kwargs["max_tokens"] = args.max_tokens

    options: dict[str, object] = dict(
        # A fresh, throw-away working directory per run: nothing persists.
        working_dir=tempfile.mkdtemp(prefix="lightrag-bench-"),
        llm_model_func=llm_model_func,
        llm_model_name=model,
        llm_model_kwargs=llm_model_kwargs,
        embedding_func=EmbeddingFunc(embedding_dim=8, func=unused_embedding, model_name="unused"),
        # No LLM response cache: every chunk is really asked.  (We also pass
        # llm_response_cache=None to extract_entities below.)
        enable_llm_cache=False,
        enable_llm_cache_for_entity_extract=False,
    )
    if args.gleaning is not None:
        options["entity_extract_max_gleaning"] = args.gleaning
    if args.timeout is not None:
        options["default_llm_timeout"] = args.timeout
    rag = LightRAG(**options)

    counter = _DropCounter()
    # Needed so the DEBUG-level "source and target are the same" record reaches
    # the counter; LightRAG's console handler stays at its own INFO level.
    lightrag_logger.setLevel(logging.DEBUG)
    lightrag_logger.addHandler(counter)

    probe = rag._build_global_config()
    print(
        f"lightrag {getattr(_lightrag_pkg, '__version__', '?')}: model={model} "
        f"entity_extract_max_gleaning={probe['entity_extract_max_gleaning']}"
        f"{'' if args.gleaning is not None else ' (LightRAG default)'} "
        f"json_mode={probe['entity_extraction_use_json']} "
        f"max_records={probe['entity_extract_max_records']} "
        f"max_entities={probe['entity_extract_max_entities']} "
        f"llm_timeout={rag.default_llm_timeout}s "
        f"llm_model_kwargs={llm_model_kwargs or '{} (server defaults)'} "
        f"chunks={len(chunks)}",
        flush=True,
    )

    raw_out = open(args.raw, "w", encoding="utf-8") if args.raw else None
    failures = 0
    try:
        with open(args.out, "w", encoding="utf-8") as out:
            for index, chunk in enumerate(chunks, start=1):
                state = _ChunkState()
                state_box["state"] = state
                counter.state = state
                language = LANGUAGE_NAMES.get(chunk.get("language", ""), None)
                if language is None:
                    rag.addon_params.pop("language", None)  # LightRAG default ("English")
                else:
                    rag.addon_params["language"] = language

                entities: list[dict] = []
                relations: list[dict] = []
                error = None
                started = time.monotonic()
                try:
                    key, record = lightrag_chunk(chunk, rag)
                    results = await extract_entities(
                        {key: record},
                        global_config=rag._build_global_config(),
                        llm_response_cache=None,
                        text_chunks_storage=None,
                    )
                    for nodes, edges in results:
                        for name, found in nodes.items():
                            entities.append({"name": name, "type": found[0].get("entity_type", "")})
                        for (source, target) in edges:
                            relations.append({"source": source, "target": target})
                except Exception as exc:  # one chunk's failure must not stop the run
                    error = describe_error(exc)
                    failures += 1
                seconds = time.monotonic() - started

                line = {
                    "id": chunk["id"],
                    "entities": entities,
                    "relations": relations,
                    "dropped": state.dropped,
                    "truncated": True if state.truncated else (False if state.finished_calls else None),
                    "outputTokens": state.tracker.completion_tokens if state.tracker.call_count else None,
                    "seconds": round(seconds, 3),
                    "error": error,
                }
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
                out.flush()
                if raw_out:
                    raw_out.write(json.dumps({"id": chunk["id"], "responses": state.raw,
                                              "warnings": state.warnings}, ensure_ascii=False) + "\n")
                    raw_out.flush()
                print(
                    f"[{index}/{len(chunks)}] {chunk['id']}: {len(entities)} entities, "
                    f"{len(relations)} relations, dropped={line['dropped']}, "
                    f"truncated={line['truncated']}, outputTokens={line['outputTokens']}, "
                    f"{seconds:.1f}s" + (f", error={error}" if error else ""),
                    flush=True,
                )
    finally:
        counter.state = None
        if raw_out:
            raw_out.close()
        for func in probe.get("role_llm_funcs", {}).values():
            shutdown = getattr(func, "shutdown", None)
            if callable(shutdown):
                try:
                    await shutdown(graceful=False)
                except Exception:
                    pass
        shutil.rmtree(rag.working_dir, ignore_errors=True)
    return 1 if failures == len(chunks) and chunks else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chunks", required=True, help="CHUNKS.jsonl")
    parser.add_argument("--base-url", required=True, help="OpenAI-compatible base URL, e.g. http://127.0.0.1:18080/v1")
    parser.add_argument("--out", required=True, help="RECORDS.jsonl to write")
    parser.add_argument("--gleaning", type=int, default=None,
                        help="entity_extract_max_gleaning (default: LightRAG's own default)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N chunks")
    parser.add_argument("--model", default=None, help="model name (default: the only one at GET {base-url}/models)")
    parser.add_argument("--api-key", default="sk-unused", help="any string works for llama.cpp")
    parser.add_argument("--timeout", type=int, default=None,
                        help="LightRAG default_llm_timeout in seconds (default: LightRAG's, LLM_TIMEOUT)")
    parser.add_argument("--temperature", type=float, default=None,
                        help="sent as llm_model_kwargs (default: not sent, server decides)")
    parser.add_argument("--max-tokens", type=int, default=None,
                        help="sent as llm_model_kwargs (default: not sent, server decides)")
    parser.add_argument("--raw", default=None, help="optional JSONL with the raw LLM responses and warnings per chunk")
    args = parser.parse_args()
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
