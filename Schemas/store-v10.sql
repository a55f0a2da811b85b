-- Rhizome store schema, migration 10: a counter of graph commits, so that two processes writing one store
-- cannot interleave a read-rebuild-write. A writer reads the counter before it reads the mentions it
-- rebuilds from; its commit is refused (and the rebuild retried) when another commit moved the counter
-- meanwhile. Every commit raises it by one, inside the same transaction.
-- Applied after store-v9.sql.

CREATE TABLE graph_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO graph_version (id, version) VALUES (1, 0);
