-- Rhizome store schema, migration 5: one document under several paths. A file whose bytes equal a stored
-- document's (a copy, a symlink) is recorded as another path of that document instead of being stored and
-- cited twice. An alias is valid while its bytes equal the document's; a changed document drops it.
-- Applied after store-v4.sql.

CREATE TABLE document_aliases (
    path         TEXT PRIMARY KEY,
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    content_hash TEXT NOT NULL,
    created_at   TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX document_aliases_by_document ON document_aliases (document_id);

-- Finding a stored document with the same bytes as a new file.
CREATE INDEX documents_by_content_hash ON documents (content_hash);
