#ifndef RHIZOME_O200K_VOCABULARY_H
#define RHIZOME_O200K_VOCABULARY_H

#include <stddef.h>

/// The uncompressed o200k_base.tiktoken file (`base64(token) rank` per line), embedded at build time.
const unsigned char *rhizome_o200k_vocabulary_bytes(void);

/// Length in bytes of the embedded vocabulary.
size_t rhizome_o200k_vocabulary_length(void);

#endif
