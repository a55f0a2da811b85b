#!/usr/bin/env python3
"""Verify the evaluation question sets under Examples/eval/<lang>/.

For every question in <set>/questions.jsonl:
  * each supporting `path` must exist under the set folder;
  * each `passage` (when given) must occur, after whitespace collapse and
    Unicode NFC, inside ONE block (paragraph, list item, table cell, ...)
    of the document's visible text (markup, <head>, <script>, <style> and
    Mallard <info> are not visible text);
  * `answer` (when given) must occur verbatim in at least one passage;
  * kind-specific shape: local >= 1 passage, multi-hop >= 2 supporting
    entries, global >= 3 supporting entries.

Usage:
  python3 check_passages.py            # check every set next to this script
  python3 check_passages.py en ko      # check some sets
  python3 check_passages.py --dump FILE  # print the visible blocks of FILE
Uses only the standard library (html.parser, xml.etree); lxml is not needed.
Mallard <keyseq>/<guiseq> are rendered as Key+Key / A ▸ B; empty <link xref> is
rendered as nothing, so passages avoid sentences that contain such links.
"""
import json, os, re, sys, unicodedata
from html.parser import HTMLParser
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
WS = re.compile(r"\s+")

def norm(s):
    return WS.sub(" ", unicodedata.normalize("NFC", s)).strip()

HTML_BLOCK = set("""address article aside blockquote body br caption center dd details dialog dir div dl dt
fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html li main menu nav ol p pre section
summary table tbody td tfoot th thead tr ul title option select textarea legend""".split())
HTML_SKIP = {"head", "script", "style", "noscript", "template"}
HTML_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
             "source", "track", "wbr"}

class _HTMLBlocks(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.cur, self.skip = [], [], 0
    def _flush(self):
        t = "".join(self.cur)
        if t.strip():
            self.blocks.append(t)
        self.cur = []
    def handle_starttag(self, tag, attrs):
        if tag in HTML_SKIP:
            self.skip += 1
        elif tag in HTML_BLOCK:
            self._flush()
    def handle_startendtag(self, tag, attrs):
        if tag in HTML_BLOCK:
            self._flush()
    def handle_endtag(self, tag):
        if tag in HTML_SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in HTML_BLOCK:
            self._flush()
    def handle_data(self, data):
        if not self.skip:
            self.cur.append(data)
    def close(self):
        super().close()
        self._flush()

def html_blocks(raw):
    p = _HTMLBlocks()
    p.feed(raw)
    p.close()
    return p.blocks

# Mallard (and generic XML such as DocBook): element names without namespace.
XML_BLOCK = set("""page section title subtitle desc p list item steps terms tree table tr td th thead tbody
tfoot note figure media screen synopsis listing example quote code cite links comment para simpara
formalpara itemizedlist orderedlist listitem variablelist varlistentry term entry row programlisting
screen literallayout blockquote sect1 sect2 sect3 chapter article book refentry refsect1 refsect2
refnamediv refname refpurpose info articleinfo bookinfo abstract warning caution tip important
body head div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd pre tr td th br""".split())
XML_SKIP = {"info", "articleinfo", "bookinfo", "head", "script", "style", "comment"}

def _local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""

def xml_blocks(raw_bytes):
    root = ET.fromstring(raw_bytes)
    blocks, cur = [], []
    def flush():
        t = "".join(cur)
        if t.strip():
            blocks.append(t)
        cur.clear()
    def walk(el, inline_parent):
        name = _local(el.tag)
        if not name:                    # comment / processing instruction
            if el.tail:
                cur.append(el.tail)
            return
        if name in XML_SKIP:
            flush()
            if el.tail:
                cur.append(el.tail)
            return
        # Mallard <code> inside a paragraph is inline; at block level it is a block.
        block = name in XML_BLOCK and not (name == "code" and inline_parent)
        if block:
            flush()
        if name in ("keyseq", "guiseq"):
            sep = "+" if name == "keyseq" else " ▸ "
            parts = ["".join(c.itertext()) for c in el if _local(c.tag)]
            cur.append(sep.join(parts))
        else:
            if el.text:
                cur.append(el.text)
            child_inline = inline_parent or (name in ("p", "title", "desc", "td", "th", "entry",
                                                     "para", "simpara", "term", "dt"))
            if block and name in ("item", "li", "listitem", "section", "page", "note", "table"):
                child_inline = False
            for c in el:
                walk(c, child_inline)
        if block:
            flush()
        if el.tail:
            cur.append(el.tail)
    walk(root, False)
    flush()
    return blocks

def load_blocks(path):
    with open(path, "rb") as f:
        raw = f.read()
    low = path.lower()
    if low.endswith((".html", ".htm")):
        m = re.search(rb'charset=["\']?([A-Za-z0-9_-]+)', raw[:2048])
        enc = m.group(1).decode() if m else "utf-8"
        blocks = html_blocks(raw.decode(enc, errors="replace"))
    else:
        blocks = xml_blocks(raw)
    return [norm(b) for b in blocks if norm(b)]

def check_set(setdir):
    qfile = os.path.join(setdir, "questions.jsonl")
    cache, errors, kinds, ids = {}, [], {}, set()
    with open(qfile, encoding="utf-8") as f:
        lines = [l for l in f if l.strip()]
    for n, line in enumerate(lines, 1):
        try:
            q = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: bad JSON: {e}")
            continue
        qid = q.get("id", f"line{n}")
        if qid in ids:
            errors.append(f"{qid}: duplicate id")
        ids.add(qid)
        kind = q.get("kind")
        kinds[kind] = kinds.get(kind, 0) + 1
        sup = q.get("supporting") or []
        if kind not in ("local", "multi-hop", "global"):
            errors.append(f"{qid}: bad kind {kind!r}")
        need = {"local": 1, "multi-hop": 2, "global": 3}.get(kind, 1)
        if len(sup) < need:
            errors.append(f"{qid}: {kind} needs >= {need} supporting entries, has {len(sup)}")
        if kind == "multi-hop" and len({s.get("path") for s in sup}) < 2:
            errors.append(f"{qid}: note: multi-hop within a single document")
        passages = []
        for s in sup:
            p = s.get("path", "")
            full = os.path.join(setdir, p)
            if not p.startswith("documents/") or not os.path.isfile(full):
                errors.append(f"{qid}: missing document {p}")
                continue
            if "passage" not in s or s["passage"] in (None, ""):
                if kind != "global":
                    errors.append(f"{qid}: passage required for {kind}")
                continue
            if full not in cache:
                cache[full] = load_blocks(full)
            pas = norm(s["passage"])
            if not (10 <= len(pas) <= 300):
                errors.append(f"{qid}: passage length {len(pas)} outside 10..300")
            if not any(pas in b for b in cache[full]):
                errors.append(f"{qid}: passage not found in one block of {p}: {pas[:80]!r}")
            passages.append(pas)
        ans = q.get("answer")
        if ans:
            if not any(norm(ans) in p for p in passages):
                errors.append(f"{qid}: answer {ans!r} not in any passage")
        elif kind != "global":
            errors.append(f"{qid}: answer required for {kind}")
        if not q.get("question"):
            errors.append(f"{qid}: empty question")
    return len(lines), kinds, errors

def main(argv):
    if len(argv) >= 2 and argv[0] == "--dump":
        for i, b in enumerate(load_blocks(argv[1])):
            print(f"[{i}] {b}")
        return 0
    sets = argv or sorted(d for d in os.listdir(HERE)
                          if os.path.isfile(os.path.join(HERE, d, "questions.jsonl")))
    bad = 0
    for s in sets:
        n, kinds, errors = check_set(os.path.join(HERE, s))
        real = [e for e in errors if ": note:" not in e]
        print(f"{s}: {n} questions {dict(sorted(kinds.items(), key=lambda kv: str(kv[0])))} "
              f"-> {'OK' if not real else str(len(real)) + ' error(s)'}")
        for e in errors:
            print("   ", e)
        bad += len(real)
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
