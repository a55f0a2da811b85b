#ifndef RHIZOME_LIBXML2_SHIM_H
#define RHIZOME_LIBXML2_SHIM_H

// Debian builds libxml2 with ICU; its UErrorCode clashes with Foundation's copy in Swift modules.
// Only an unused struct loses two fields when ICU is hidden here.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
#include <libxml/encoding.h>
#include <libxml/xmlschemas.h>

/// `xmlFree` is a global function pointer that Swift 6 cannot read; this wrapper calls it.
static inline void rhizome_xml_free(void *pointer) { xmlFree(pointer); }

/// An external-entity loader that refuses every request: a second wall behind XML_PARSE_NONET.
static xmlParserInputPtr rhizome_refuse_entity_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
    (void)url; (void)id; (void)ctxt;
    return NULL;
}

static inline void rhizome_install_refusing_entity_loader(void) {
    xmlSetExternalEntityLoader(rhizome_refuse_entity_loader);
}

#endif
