-- Rhizome store schema, migration 3: what still needs a vector is found through small partial indexes,
-- so embedding the few rows one document brought does not scan every vector in a large store.
-- Applied after store-v2.sql; compiled into the binary.

CREATE INDEX entities_awaiting_embedding ON entities (embedding) WHERE embedding IS NULL;
CREATE INDEX relations_awaiting_embedding ON relations (embedding) WHERE embedding IS NULL;
CREATE INDEX chunks_awaiting_embedding ON chunks (embedding) WHERE embedding IS NULL;

-- The surface forms relation mentions use for an endpoint are counted straight from these indexes when
-- an entity is rebuilt, instead of loading every relation mention of a much-mentioned entity.
DROP INDEX relation_chunks_by_target;
CREATE INDEX relation_chunks_by_source_name ON relation_chunks (source_key, source_name);
CREATE INDEX relation_chunks_by_target_name ON relation_chunks (target_key, target_name);

-- How many chunks contain each indexed term, so a lexical search can leave out words that are in most
-- chunks (they rank nothing and make BM25 score every row).
CREATE VIRTUAL TABLE chunks_fts_terms USING fts5vocab (chunks_fts, 'row');
CREATE VIRTUAL TABLE entity_names_fts_terms USING fts5vocab (entity_names_fts, 'row');
