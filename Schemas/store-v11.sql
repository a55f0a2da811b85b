-- Rhizome store schema, migration 11: claims on model calls, so that the same call is paid once when two
-- writers want it at the same time (two processes ingesting one folder, or two chunks with the same text
-- in one batch). A caller that finds no cached answer claims the call's cache key before calling the
-- model; another caller of the same key waits for the cached answer instead. A claim lasts until
-- `expires_at` (seconds since 1970) and is renewed while the call runs, so a holder that died gives it up.
-- Applied after store-v10.sql.

CREATE TABLE model_call_claims (
    key        TEXT PRIMARY KEY,
    holder     TEXT NOT NULL,
    expires_at REAL NOT NULL
);
