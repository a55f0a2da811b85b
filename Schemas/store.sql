-- Rhizome store schema, version 1: the single source of truth that the store's first migration applies
-- (compiled into the binary). One SQLite file holds documents, chunks, the knowledge graph, model
-- caches and the settings the store was created with.

-- Settings recorded at creation (tokenizer, chunk size and overlap, later the embedding model and
-- dimension) and checked whenever the store is opened.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per source file. `status` is the document's commit record: a document's chunks (and later
-- its graph contributions) are written in the same transaction that sets it to 'processed'.
CREATE TABLE documents (
    id           TEXT PRIMARY KEY,               -- 'doc-' + SHA-256 of the path (first 32 hex digits)
    path         TEXT NOT NULL UNIQUE,           -- relative to the store's folder when inside it
    title        TEXT NOT NULL DEFAULT '',
    format       TEXT NOT NULL CHECK (format IN ('html', 'xml', 'text', 'markdown')),
    content_hash TEXT NOT NULL DEFAULT '',       -- SHA-256 of the file's bytes, lower-case hex
    byte_count   INTEGER NOT NULL DEFAULT 0,
    text         TEXT NOT NULL DEFAULT '',       -- the document text that chunk offsets point into
    status       TEXT NOT NULL CHECK (status IN ('pending', 'processing', 'processed', 'failed')),
    error        TEXT,                           -- one line, for failed documents
    chunk_count  INTEGER NOT NULL DEFAULT 0,
    token_count  INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,                  -- ISO 8601, UTC
    updated_at   TEXT NOT NULL
);
CREATE INDEX documents_by_status ON documents (status);

-- Token windows of a document's text; offsets are Unicode scalar offsets into documents.text.
CREATE TABLE chunks (
    rowid        INTEGER PRIMARY KEY,            -- the FTS5 index's content rowid
    id           TEXT NOT NULL UNIQUE,           -- 'chunk-' + SHA-256 of (document id, occurrence, text)
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ord          INTEGER NOT NULL,
    text         TEXT NOT NULL,
    token_count  INTEGER NOT NULL,
    heading_path TEXT NOT NULL DEFAULT '[]',     -- JSON array of section titles, outermost first
    start_offset INTEGER NOT NULL,
    end_offset   INTEGER NOT NULL,
    embedding    BLOB,                           -- little-endian float32 vector
    UNIQUE (document_id, ord)
);

-- Full-text index over chunks (BM25 ranking), kept in step by triggers.
CREATE VIRTUAL TABLE chunks_fts USING fts5 (
    text, heading_path,
    content = 'chunks', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER chunks_fts_insert AFTER INSERT ON chunks BEGIN
    INSERT INTO chunks_fts (rowid, text, heading_path) VALUES (new.rowid, new.text, new.heading_path);
END;
CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN
    INSERT INTO chunks_fts (chunks_fts, rowid, text, heading_path)
    VALUES ('delete', old.rowid, old.text, old.heading_path);
END;
CREATE TRIGGER chunks_fts_update AFTER UPDATE OF text, heading_path ON chunks BEGIN
    INSERT INTO chunks_fts (chunks_fts, rowid, text, heading_path)
    VALUES ('delete', old.rowid, old.text, old.heading_path);
    INSERT INTO chunks_fts (rowid, text, heading_path) VALUES (new.rowid, new.text, new.heading_path);
END;

-- The knowledge graph. Entities are merged by a normalised key; every surface form is an alias.
CREATE TABLE entities (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,            -- case-folded, NFKC, punctuation-normalised name
    name        TEXT NOT NULL,                   -- the most frequent surface form
    type        TEXT NOT NULL DEFAULT 'concept',
    description TEXT NOT NULL DEFAULT '',
    embedding   BLOB,
    updated_at  TEXT NOT NULL
);
CREATE TABLE entity_aliases (
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    alias     TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;
CREATE INDEX entity_aliases_by_alias ON entity_aliases (alias COLLATE NOCASE);

-- Relations are undirected pairs stored with source_id < target_id; weight = supporting chunks.
CREATE TABLE relations (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    target_id   INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    keywords    TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    weight      REAL NOT NULL DEFAULT 0,
    embedding   BLOB,
    updated_at  TEXT NOT NULL,
    UNIQUE (source_id, target_id),
    CHECK (source_id < target_id)
);
CREATE INDEX relations_by_target ON relations (target_id);

-- Provenance: which chunks support each entity and relation (hence which documents and files).
CREATE TABLE entity_chunks (
    entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    chunk_id  TEXT NOT NULL REFERENCES chunks (id) ON DELETE CASCADE,
    PRIMARY KEY (entity_id, chunk_id)
) WITHOUT ROWID;
CREATE INDEX entity_chunks_by_chunk ON entity_chunks (chunk_id);
CREATE TABLE relation_chunks (
    relation_id INTEGER NOT NULL REFERENCES relations (id) ON DELETE CASCADE,
    chunk_id    TEXT NOT NULL REFERENCES chunks (id) ON DELETE CASCADE,
    PRIMARY KEY (relation_id, chunk_id)
) WITHOUT ROWID;
CREATE INDEX relation_chunks_by_chunk ON relation_chunks (chunk_id);

-- The parsed extraction records of each chunk, so a deletion can rebuild the graph without the model.
CREATE TABLE chunk_extractions (
    chunk_id   TEXT PRIMARY KEY,                 -- not a foreign key: records outlive a chunk's replacement
    records    TEXT NOT NULL,                    -- JSON
    created_at TEXT NOT NULL
) WITHOUT ROWID;

-- Every model call, keyed by a hash of (provider, model, messages, options): never paid twice.
CREATE TABLE llm_cache (
    key        TEXT PRIMARY KEY,
    provider   TEXT NOT NULL,
    model      TEXT NOT NULL,
    kind       TEXT NOT NULL,                    -- 'extraction', 'gleaning', 'summary', 'keywords', 'answer', ...
    response   TEXT NOT NULL,
    created_at TEXT NOT NULL
) WITHOUT ROWID;
