-- Rhizome store schema, migration 6: the full-text indexes use Rhizome's own text analysis (the FTS5
-- tokenizer `rhizome`, registered by every process that opens the store): NFKC, case and accent folding,
-- splits where the script changes, and Hangul/Han/Kana as character bigrams. The indexes are rebuilt
-- from the rows they index. Applied after store-v5.sql.

DROP TABLE chunks_fts_terms;
DROP TABLE entity_names_fts_terms;

DROP TABLE chunks_fts;
CREATE VIRTUAL TABLE chunks_fts USING fts5 (
    text, heading_path,
    content = 'chunks', content_rowid = 'rowid',
    tokenize = 'rhizome'
);
INSERT INTO chunks_fts (chunks_fts) VALUES ('rebuild');

CREATE TEMP TABLE entity_names_copy AS SELECT rowid AS id, name, aliases, description FROM entity_names_fts;
DROP TABLE entity_names_fts;
CREATE VIRTUAL TABLE entity_names_fts USING fts5 (
    name, aliases, description,
    tokenize = 'rhizome'
);
INSERT INTO entity_names_fts (rowid, name, aliases, description)
    SELECT id, name, aliases, description FROM entity_names_copy;
DROP TABLE entity_names_copy;

CREATE VIRTUAL TABLE chunks_fts_terms USING fts5vocab (chunks_fts, 'row');
CREATE VIRTUAL TABLE entity_names_fts_terms USING fts5vocab (entity_names_fts, 'row');
