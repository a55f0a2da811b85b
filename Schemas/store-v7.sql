-- Rhizome store schema, migration 7: vectors that load in one read. A question from the command line is a
-- process of its own, and reading every vector row by row cost most of its time. Each kind of vector keeps
-- a change counter, raised by triggers whenever a vector is written or its row removed, and a snapshot:
-- the normalised vectors in one column-major float32 blob with their keys, valid while its counter matches.
-- Applied after store-v6.sql.

CREATE TABLE vector_versions (
    target  TEXT PRIMARY KEY CHECK (target IN ('entity', 'relation', 'chunk')),
    version INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO vector_versions (target, version) VALUES ('entity', 0), ('relation', 0), ('chunk', 0);

CREATE TABLE vector_snapshots (
    target    TEXT PRIMARY KEY REFERENCES vector_versions (target),
    version   INTEGER NOT NULL,          -- the counter the snapshot was taken at
    dimension INTEGER NOT NULL,
    keys      TEXT NOT NULL,             -- row keys joined by newlines (entity/relation ids, chunk ids)
    columns   BLOB NOT NULL              -- little-endian float32, component j of row r at j * rows + r
);

CREATE TRIGGER entities_vector_written AFTER UPDATE OF embedding ON entities BEGIN
    UPDATE vector_versions SET version = version + 1 WHERE target = 'entity';
END;
CREATE TRIGGER entities_vector_removed AFTER DELETE ON entities WHEN old.embedding IS NOT NULL BEGIN
    UPDATE vector_versions SET version = version + 1 WHERE target = 'entity';
END;
CREATE TRIGGER entities_vector_inserted AFTER INSERT ON entities WHEN new.embedding IS NOT NULL BEGIN
    UPDATE vector_versions SET version = version + 1 WHERE target = 'entity';
END;
CREATE TRIGGER relations_vector_written AFTER UPDATE OF embedding ON relations BEGIN
    UPDATE vector_versions SET version = version + 1 WHERE target = 'relation';
END;
CREATE TRIGGER relations_vector_removed AFTER DELETE ON relations WHEN old.embedding IS NOT NULL BEGIN
    UPDATE vector_versions SET version = version + 1 WHERE target = 'relation';
END;
CREATE TRIGGER relations_vector_inserted AFTER INSERT ON relations WHEN new.embedding IS NOT NULL BEGIN
    UPDATE vector_versions SET version = version + 1 WHERE target = 'relation';
END;
CREATE TRIGGER chunks_vector_written AFTER UPDATE OF embedding ON chunks BEGIN
    UPDATE vector_versions SET version = version + 1 WHERE target = 'chunk';
END;
CREATE TRIGGER chunks_vector_removed AFTER DELETE ON chunks WHEN old.embedding IS NOT NULL BEGIN
    UPDATE vector_versions SET version = version + 1 WHERE target = 'chunk';
END;
CREATE TRIGGER chunks_vector_inserted AFTER INSERT ON chunks WHEN new.embedding IS NOT NULL BEGIN
    UPDATE vector_versions SET version = version + 1 WHERE target = 'chunk';
END;
