#include "CO200kVocabulary.h"

// C23 #embed (clang 19+) puts the vocabulary file into the object code, so no resource bundle is needed.
static const unsigned char vocabulary[] = {
#embed "o200k_base.tiktoken"
};

const unsigned char *rhizome_o200k_vocabulary_bytes(void) { return vocabulary; }

size_t rhizome_o200k_vocabulary_length(void) { return sizeof(vocabulary); }
