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
#include <libxml/SAX2.h>
#include <libxml/entities.h>

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

#include <stdlib.h>
#include <string.h>

/// What a parse reported through libxml2's structured error channel, counted so Swift can tell a
/// recoverable problem from a refusal without reading every message.
typedef struct {
    int errors;
    int depthExceeded;
    int hugeText;
    int entityLoop;
    int firstLine;
    char *firstMessage;
    /// Placeholder entities for references nothing declares, kept in a document of their own.
    xmlDocPtr placeholders;
} rhizome_parse_tally;

static void rhizome_tally_error(void *context, xmlErrorPtr error) {
    xmlParserCtxtPtr parser = (xmlParserCtxtPtr)context;
    if (parser == NULL || error == NULL || parser->_private == NULL) return;
    rhizome_parse_tally *tally = (rhizome_parse_tally *)parser->_private;
    // Undeclared entities are counted by Rhizome itself, where it renders them.
    if (error->level == XML_ERR_WARNING || error->code == XML_ERR_UNDECLARED_ENTITY
        || error->code == XML_WAR_UNDECLARED_ENTITY) return;
    tally->errors += 1;
    const char *message = error->message != NULL ? error->message : "";
    if (strstr(message, "Excessive depth") != NULL) tally->depthExceeded = 1;
    if (strstr(message, "huge text") != NULL || strstr(message, "Huge input") != NULL
        || strstr(message, "too long") != NULL) tally->hugeText = 1;
    if (error->code == XML_ERR_ENTITY_LOOP) tally->entityLoop = 1;
    if (tally->firstMessage == NULL) {
        tally->firstMessage = strdup(message);
        tally->firstLine = error->line;
    }
}

/// Entity lookup that never loses text: a reference nothing declares (a DTD that is never loaded, or
/// none at all) resolves to a placeholder whose replacement text is its own name, so the reference stays
/// in the tree as an entity-reference node and Rhizome decides how to render it.
static xmlEntityPtr rhizome_get_entity(void *context, const xmlChar *name) {
    xmlParserCtxtPtr parser = (xmlParserCtxtPtr)context;
    xmlEntityPtr found = xmlSAX2GetEntity(context, name);
    if (found != NULL || parser == NULL || parser->_private == NULL || parser->inSubset != 0) return found;
    rhizome_parse_tally *tally = (rhizome_parse_tally *)parser->_private;
    if (tally->placeholders == NULL) {
        tally->placeholders = xmlNewDoc((const xmlChar *)"1.0");
        if (tally->placeholders == NULL) return NULL;
        xmlCreateIntSubset(tally->placeholders, (const xmlChar *)"placeholders", NULL, NULL);
    }
    found = xmlGetDocEntity(tally->placeholders, name);
    if (found == NULL) {
        found = xmlAddDocEntity(tally->placeholders, name, XML_INTERNAL_GENERAL_ENTITY, NULL, NULL, name);
    }
    return found;
}

/// Routes the parser's errors into `tally` (the context passes itself as the callback's user data).
static inline void rhizome_attach_tally(xmlParserCtxtPtr parser, rhizome_parse_tally *tally) {
    parser->_private = tally;
    parser->userData = parser;
    if (parser->sax != NULL) {
        parser->sax->serror = rhizome_tally_error;
        parser->sax->getEntity = rhizome_get_entity;
    }
}

/// Frees what the tally holds; call after the parsed document is freed (its references point here).
static inline void rhizome_release_tally(rhizome_parse_tally *tally) {
    free(tally->firstMessage);
    tally->firstMessage = NULL;
    if (tally->placeholders != NULL) xmlFreeDoc(tally->placeholders);
    tally->placeholders = NULL;
}

#endif
