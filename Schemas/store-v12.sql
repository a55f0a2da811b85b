-- Rhizome store schema, migration 12: a full-text index over relations (their keywords and
-- description), so global retrieval can find relations by BM25 as local retrieval finds entities, and not
-- by vector alone. Kept in step with `relations` by triggers (which also fire when a relation goes with
-- an endpoint entity, by cascade). Built from the relations already stored. Applied after store-v11.sql.

CREATE VIRTUAL TABLE relations_fts USING fts5 (
    keywords, description,
    content = 'relations', content_rowid = 'id',
    tokenize = 'rhizome'
);
INSERT INTO relations_fts (relations_fts) VALUES ('rebuild');
CREATE TRIGGER relations_fts_insert AFTER INSERT ON relations BEGIN
    INSERT INTO relations_fts (rowid, keywords, description) VALUES (new.id, new.keywords, new.description);
END;
CREATE TRIGGER relations_fts_delete AFTER DELETE ON relations BEGIN
    INSERT INTO relations_fts (relations_fts, rowid, keywords, description)
    VALUES ('delete', old.id, old.keywords, old.description);
END;
CREATE TRIGGER relations_fts_update AFTER UPDATE OF keywords, description ON relations
WHEN old.keywords IS NOT new.keywords OR old.description IS NOT new.description BEGIN
    INSERT INTO relations_fts (relations_fts, rowid, keywords, description)
    VALUES ('delete', old.id, old.keywords, old.description);
    INSERT INTO relations_fts (rowid, keywords, description) VALUES (new.id, new.keywords, new.description);
END;
CREATE VIRTUAL TABLE relations_fts_terms USING fts5vocab (relations_fts, 'row');
