-- Rhizome store schema, migration 9: the other names a chunk gives an entity (`양자화(Quantization)` names
-- 양자화 and gives Quantization as an alias). The merged entity's aliases (entity_aliases, and the aliases
-- column of entity_names_fts that name search reads) are the union over its mentions.
-- Applied after store-v8.sql.

ALTER TABLE entity_chunks ADD COLUMN aliases TEXT NOT NULL DEFAULT '[]';   -- JSON array of names
