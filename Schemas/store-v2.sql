-- Rhizome store schema, migration 2: the graph's provenance carries each chunk's own contribution, so an
-- entity or relation can be rebuilt exactly from the chunks that still mention it (after an edit or a
-- deletion) without calling the model again. Applied after store.sql; compiled into the binary.

DROP TABLE entity_chunks;
DROP TABLE relation_chunks;

-- What one chunk said about one entity (keyed by the entity's normalised key).
CREATE TABLE entity_chunks (
    chunk_id    TEXT NOT NULL REFERENCES chunks (id) ON DELETE CASCADE,
    entity_key  TEXT NOT NULL,
    name        TEXT NOT NULL,                   -- the surface form this chunk used
    type        TEXT NOT NULL,
    description TEXT NOT NULL,
    PRIMARY KEY (chunk_id, entity_key)
) WITHOUT ROWID;
CREATE INDEX entity_chunks_by_key ON entity_chunks (entity_key);

-- What one chunk said about one relation (endpoint keys, smaller first).
CREATE TABLE relation_chunks (
    chunk_id    TEXT NOT NULL REFERENCES chunks (id) ON DELETE CASCADE,
    source_key  TEXT NOT NULL,
    target_key  TEXT NOT NULL,
    source_name TEXT NOT NULL,
    target_name TEXT NOT NULL,
    keywords    TEXT NOT NULL DEFAULT '[]',      -- JSON array
    description TEXT NOT NULL,
    PRIMARY KEY (chunk_id, source_key, target_key),
    CHECK (source_key < target_key)
) WITHOUT ROWID;
CREATE INDEX relation_chunks_by_source ON relation_chunks (source_key, target_key);
CREATE INDEX relation_chunks_by_target ON relation_chunks (target_key);

-- Which extractor (provider, model, options) produced a chunk's records; others are not reused.
ALTER TABLE chunk_extractions ADD COLUMN extractor TEXT NOT NULL DEFAULT '';

-- Keywords of a relation as a JSON array alongside the display string.
ALTER TABLE relations ADD COLUMN keyword_list TEXT NOT NULL DEFAULT '[]';

-- Entity names and aliases for lexical (BM25) search.
CREATE VIRTUAL TABLE entity_names_fts USING fts5 (
    name, aliases, description,
    tokenize = 'unicode61 remove_diacritics 2'
);
