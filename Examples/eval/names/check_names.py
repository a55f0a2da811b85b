#!/usr/bin/env python3
"""Check Examples/eval/names/names.jsonl, or heldout.jsonl with --file (stdlib only).

For every line:
  * the fields id, language, source, text, names are present; language is en, ko, ja or zh;
  * ids are unique;
  * source exists (relative to the repository root, two folders above this one's parent);
  * every string in "names" occurs verbatim in "text" (rule 4), and no name is listed twice;
  * every string in "aliases" (optional) is also in "names".
Then prints per language: passages, name mentions (each distinct name once per passage),
distinct names over all passages, and distinct sources.

  python3 check_names.py                  # check names.jsonl next to this script
  python3 check_names.py FILE.jsonl
  python3 check_names.py --file FILE.jsonl        # the same, e.g. --file heldout.jsonl
  python3 check_names.py --store S.sqlite # also check that each text lies inside one chunk
                                          # of a store made with `rhizome ingest`
  python3 check_names.py --file heldout.jsonl --disjoint names.jsonl
                                          # also check that no text shares a 60-character
                                          # substring with any text of the other file
Ids are <language>-NNN, optionally with a prefix of lower-case letters (h-en-001 in heldout.jsonl).
Exit status 0 when everything passes, 1 otherwise.
"""
import json, os, re, sqlite3, sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..', '..'))

def main(argv):
    store = None
    if '--store' in argv:
        k = argv.index('--store'); store = argv[k + 1]; del argv[k:k + 2]
    disjoint = None
    if '--disjoint' in argv:
        k = argv.index('--disjoint'); disjoint = argv[k + 1]; del argv[k:k + 2]
    if '--file' in argv:
        k = argv.index('--file'); argv[k:k + 2] = [argv[k + 1]]
    path = argv[0] if argv else os.path.join(HERE, 'names.jsonl')
    if path != '-' and not os.path.exists(path) and os.path.exists(os.path.join(HERE, path)):
        path = os.path.join(HERE, path)
    if disjoint and not os.path.exists(disjoint) and os.path.exists(os.path.join(HERE, disjoint)):
        disjoint = os.path.join(HERE, disjoint)
    other = set()
    if disjoint:
        with open(disjoint, encoding='utf-8') as fh:
            for line in fh:
                if line.strip():
                    t = json.loads(line)['text']
                    other.update(t[i:i + 60] for i in range(len(t) - 59))
    errors = []
    seen = set()
    stats = defaultdict(lambda: {'passages': 0, 'mentions': 0, 'distinct': set(), 'sources': set(), 'chars': []})
    chunks = None
    if store:
        db = sqlite3.connect(store)
        chunks = defaultdict(list)
        for p, t in db.execute('select d.path, c.text from chunks c join documents d on d.id = c.document_id'):
            chunks[os.path.relpath(p, ROOT) if os.path.isabs(p) else p].append(t)
    with open(path, encoding='utf-8') as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
            except ValueError as e:
                errors.append(f'line {n}: not JSON ({e})'); continue
            rid = r.get('id', f'line {n}')
            for f in ('id', 'language', 'source', 'text', 'names'):
                if f not in r:
                    errors.append(f'{rid}: missing field {f}')
            if not all(f in r for f in ('id', 'language', 'source', 'text', 'names')):
                continue
            if rid in seen:
                errors.append(f'{rid}: duplicate id')
            seen.add(rid)
            lang, text, names = r['language'], r['text'], r['names']
            if lang not in ('en', 'ko', 'ja', 'zh'):
                errors.append(f'{rid}: unknown language {lang!r}')
            if not re.fullmatch(r'(?:[a-z]+-)?' + re.escape(lang) + r'-\d+', rid):
                errors.append(f'{rid}: id is not {lang}-NNN (optionally with a prefix such as h-)')
            if not os.path.isfile(os.path.join(ROOT, r['source'])):
                errors.append(f'{rid}: source {r["source"]} not found')
            if len(set(names)) != len(names):
                errors.append(f'{rid}: a name is listed twice')
            for name in names:
                if not isinstance(name, str) or not name.strip():
                    errors.append(f'{rid}: empty or non-string name {name!r}')
                elif name not in text:
                    errors.append(f'{rid}: name {name!r} does not occur in text')
            for group in r.get('aliases', []):
                for a in group:
                    if a not in names:
                        errors.append(f'{rid}: alias {a!r} is not in names')
            if other and any(text[i:i + 60] in other for i in range(len(text) - 59)):
                errors.append(f'{rid}: text shares a 60-character substring with {disjoint}')
            if chunks is not None and not any(text in c for c in chunks.get(r['source'], [])):
                errors.append(f'{rid}: text is not inside any chunk of {r["source"]} in {store}')
            s = stats[lang]
            s['passages'] += 1
            s['mentions'] += len(set(names))
            s['distinct'].update(names)
            s['sources'].add(r['source'])
            s['chars'].append(len(text))
    print(f'{"language":8} {"passages":>8} {"mentions":>8} {"distinct":>8} {"sources":>7} {"chars min-max":>14}')
    for lang in sorted(stats):
        s = stats[lang]
        print(f'{lang:8} {s["passages"]:8} {s["mentions"]:8} {len(s["distinct"]):8} {len(s["sources"]):7} '
              f'{min(s["chars"]):>6}-{max(s["chars"]):<7}')
    total = sum(s['mentions'] for s in stats.values())
    print(f'total: {sum(s["passages"] for s in stats.values())} passages, {total} name mentions')
    if chunks is not None and not errors:
        print(f'every text lies inside one chunk of {store}')
    if disjoint and not errors:
        print(f'no text shares a 60-character substring with {os.path.relpath(disjoint)}')
    for e in errors:
        print('ERROR', e)
    print('OK' if not errors else f'{len(errors)} error(s)')
    return 1 if errors else 0

if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
