#ifndef RHIZOME_EMBEDDED_DATA_H
#define RHIZOME_EMBEDDED_DATA_H

#include <stddef.h>

/// The uncompressed o200k_base.tiktoken file (`base64(token) rank` per line), embedded at build time.
const unsigned char *rhizome_o200k_vocabulary_bytes(void);
/// Length in bytes of the embedded vocabulary.
size_t rhizome_o200k_vocabulary_length(void);

/// The number of store migrations embedded (`Schemas/store.sql`, then `store-v2.sql` … in order).
int rhizome_store_migration_count(void);
/// Migration `version` (1-based) as embedded at build time, and its length in `length`; NULL when out of range.
const unsigned char *rhizome_store_migration(int version, size_t *length);

/// `Schemas/openapi.json` (the HTTP API of `rhizome serve`) as embedded at build time, its length in `length`.
const unsigned char *rhizome_openapi_document(size_t *length);

/// A file of the web graph explorer (`index.html`, `explorer.js`, `explorer.css`) and its length; NULL for another name.
const unsigned char *rhizome_explorer_file(const char *name, size_t *length);

#endif
