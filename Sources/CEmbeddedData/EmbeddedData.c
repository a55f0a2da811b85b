#include "CEmbeddedData.h"

#include <string.h>

// C23 #embed (clang 19+) compiles these files into the object code, so a copied binary needs no
// resource bundle. Tests check each embedded copy against its source file.
static const unsigned char vocabulary[] = {
#embed "o200k_base.tiktoken"
};

static const unsigned char store_v1[] = {
#embed "../../Schemas/store.sql"
};
static const unsigned char store_v2[] = {
#embed "../../Schemas/store-v2.sql"
};
static const unsigned char store_v3[] = {
#embed "../../Schemas/store-v3.sql"
};
static const unsigned char store_v4[] = {
#embed "../../Schemas/store-v4.sql"
};
static const unsigned char store_v5[] = {
#embed "../../Schemas/store-v5.sql"
};
static const unsigned char store_v6[] = {
#embed "../../Schemas/store-v6.sql"
};
static const unsigned char store_v7[] = {
#embed "../../Schemas/store-v7.sql"
};
static const unsigned char store_v8[] = {
#embed "../../Schemas/store-v8.sql"
};
static const unsigned char store_v9[] = {
#embed "../../Schemas/store-v9.sql"
};
static const unsigned char store_v10[] = {
#embed "../../Schemas/store-v10.sql"
};
static const unsigned char store_v11[] = {
#embed "../../Schemas/store-v11.sql"
};
static const unsigned char store_v12[] = {
#embed "../../Schemas/store-v12.sql"
};

static const unsigned char openapi[] = {
#embed "../../Schemas/openapi.json"
};

// The web graph explorer `rhizome serve` serves at `/`.
static const unsigned char explorer_html[] = {
#embed "explorer/index.html"
};
static const unsigned char explorer_js[] = {
#embed "explorer/explorer.js"
};
static const unsigned char explorer_css[] = {
#embed "explorer/explorer.css"
};

const unsigned char *rhizome_o200k_vocabulary_bytes(void) { return vocabulary; }
size_t rhizome_o200k_vocabulary_length(void) { return sizeof(vocabulary); }

static const struct { const unsigned char *bytes; size_t length; } migrations[] = {
    { store_v1, sizeof(store_v1) }, { store_v2, sizeof(store_v2) }, { store_v3, sizeof(store_v3) },
    { store_v4, sizeof(store_v4) }, { store_v5, sizeof(store_v5) }, { store_v6, sizeof(store_v6) },
    { store_v7, sizeof(store_v7) }, { store_v8, sizeof(store_v8) }, { store_v9, sizeof(store_v9) },
    { store_v10, sizeof(store_v10) }, { store_v11, sizeof(store_v11) },
    { store_v12, sizeof(store_v12) },
};

int rhizome_store_migration_count(void) { return (int)(sizeof(migrations) / sizeof(migrations[0])); }

const unsigned char *rhizome_store_migration(int version, size_t *length) {
    if (version < 1 || version > rhizome_store_migration_count()) { *length = 0; return NULL; }
    *length = migrations[version - 1].length;
    return migrations[version - 1].bytes;
}

const unsigned char *rhizome_openapi_document(size_t *length) {
    *length = sizeof(openapi);
    return openapi;
}

const unsigned char *rhizome_explorer_file(const char *name, size_t *length) {
    static const struct { const char *name; const unsigned char *bytes; size_t length; } files[] = {
        { "index.html", explorer_html, sizeof(explorer_html) },
        { "explorer.js", explorer_js, sizeof(explorer_js) },
        { "explorer.css", explorer_css, sizeof(explorer_css) },
    };
    for (size_t index = 0; index < sizeof(files) / sizeof(files[0]); index++) {
        if (strcmp(files[index].name, name) == 0) { *length = files[index].length; return files[index].bytes; }
    }
    *length = 0;
    return NULL;
}
