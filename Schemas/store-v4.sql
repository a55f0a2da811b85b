-- Rhizome store schema, migration 4: decisions a person made about the graph (renames, merges, deletions,
-- edited fields, aliases from imports). Mentions are rewritten when a decision is taken and every later
-- mention passes through these rules, so a new ingest never undoes an edit. Applied after store-v3.sql.

-- What happens to mentions of an entity key: 'merge' moves them to `target_key`, 'delete' drops them
-- (with the relation mentions that touch the key).
CREATE TABLE entity_rules (
    key        TEXT PRIMARY KEY,
    action     TEXT NOT NULL CHECK (action IN ('merge', 'delete')),
    target_key TEXT,
    created_at TEXT NOT NULL,
    CHECK ((action = 'merge') = (target_key IS NOT NULL))
) WITHOUT ROWID;
CREATE INDEX entity_rules_by_target ON entity_rules (target_key);

-- Relations a person deleted: their mentions are dropped now and from every later chunk.
CREATE TABLE relation_rules (
    source_key TEXT NOT NULL,
    target_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (source_key, target_key),
    CHECK (source_key < target_key)
) WITHOUT ROWID;

-- Fields a person set on an entity; NULL means "as merged from the mentions". `aliases` are surface forms
-- to list besides those the mentions use (JSON array).
CREATE TABLE entity_overrides (
    key         TEXT PRIMARY KEY,
    name        TEXT,
    type        TEXT,
    description TEXT,
    aliases     TEXT NOT NULL DEFAULT '[]',
    updated_at  TEXT NOT NULL
) WITHOUT ROWID;

-- Fields a person set on a relation; NULL means "as merged from the mentions".
CREATE TABLE relation_overrides (
    source_key  TEXT NOT NULL,
    target_key  TEXT NOT NULL,
    keywords    TEXT,                            -- JSON array
    description TEXT,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (source_key, target_key),
    CHECK (source_key < target_key)
) WITHOUT ROWID;
