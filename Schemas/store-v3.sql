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
