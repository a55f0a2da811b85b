-- Rhizome store schema, migration 8: re-embedding that is atomic and resumable. `rhizome reindex
-- --embeddings` writes the new model's vectors here, keyed by the model they come from, while queries go on
-- using the old vectors and settings; only when every row has its new vector are they swapped in, with the
-- new settings, in one transaction. An interrupted run keeps what it computed and the next run goes on.
-- Applied after store-v7.sql.

CREATE TABLE staged_embeddings (
    model   TEXT NOT NULL,                -- the new embedding settings as JSON (provider, model, dimension)
    target  TEXT NOT NULL CHECK (target IN ('entity', 'relation', 'chunk')),
    id      TEXT NOT NULL,                -- entity/relation id as text, or chunk id
    vector  BLOB NOT NULL,
    PRIMARY KEY (target, id)
) WITHOUT ROWID;
