#ifndef RHIZOME_EMBEDDED_DATA_H
#define RHIZOME_EMBEDDED_DATA_H

#include <stddef.h>

/// The uncompressed o200k_base.tiktoken file (`base64(token) rank` per line), embedded at build time.
const unsigned char *rhizome_o200k_vocabulary_bytes(void);
/// Length in bytes of the embedded vocabulary.
size_t rhizome_o200k_vocabulary_length(void);

/// `Schemas/store.sql`, the store schema that migrations apply, embedded at build time.
const unsigned char *rhizome_store_schema_bytes(void);
/// Length in bytes of the embedded store schema.
size_t rhizome_store_schema_length(void);

/// `Schemas/store-v2.sql`, the second migration (graph provenance), embedded at build time.
const unsigned char *rhizome_store_schema_v2_bytes(void);
/// Length in bytes of the second migration.
size_t rhizome_store_schema_v2_length(void);

/// `Schemas/store-v3.sql`, the third migration (indexes for rows awaiting a vector), embedded at build time.
const unsigned char *rhizome_store_schema_v3_bytes(void);
/// Length in bytes of the third migration.
size_t rhizome_store_schema_v3_length(void);

/// `Schemas/store-v4.sql`, the fourth migration (edit rules and overrides), embedded at build time.
const unsigned char *rhizome_store_schema_v4_bytes(void);
size_t rhizome_store_schema_v4_length(void);

#endif
