#include "CEmbeddedData.h"

// C23 #embed (clang 19+) compiles these files into the object code, so a copied binary needs no
// resource bundle. Tests check each embedded copy against its source file.
static const unsigned char vocabulary[] = {
#embed "o200k_base.tiktoken"
};

static const unsigned char store_schema[] = {
#embed "../../Schemas/store.sql"
};

static const unsigned char store_schema_v2[] = {
#embed "../../Schemas/store-v2.sql"
};

static const unsigned char store_schema_v3[] = {
#embed "../../Schemas/store-v3.sql"
};

static const unsigned char store_schema_v4[] = {
#embed "../../Schemas/store-v4.sql"
};

const unsigned char *rhizome_o200k_vocabulary_bytes(void) { return vocabulary; }
size_t rhizome_o200k_vocabulary_length(void) { return sizeof(vocabulary); }

const unsigned char *rhizome_store_schema_bytes(void) { return store_schema; }
size_t rhizome_store_schema_length(void) { return sizeof(store_schema); }

const unsigned char *rhizome_store_schema_v2_bytes(void) { return store_schema_v2; }
size_t rhizome_store_schema_v2_length(void) { return sizeof(store_schema_v2); }

const unsigned char *rhizome_store_schema_v3_bytes(void) { return store_schema_v3; }
size_t rhizome_store_schema_v3_length(void) { return sizeof(store_schema_v3); }

const unsigned char *rhizome_store_schema_v4_bytes(void) { return store_schema_v4; }
size_t rhizome_store_schema_v4_length(void) { return sizeof(store_schema_v4); }
