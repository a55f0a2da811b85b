import Foundation
internal import CLibXML2

/// A parsed file: its root elements (XML may hold several documents one after another), what was
/// recovered on the way, and whether libxml2 stopped before the end (nesting or a text node beyond its
/// limits), in which case the caller recovers the text another way.
struct ParsedMarkup: Sendable {
    var roots: [MarkupElement]
    var warnings: [String]
    /// Why the parser stopped early, losing the rest of the file; nil when it read to the end.
    var stoppedEarly: String?
}

/// The only place that talks to libxml2: parses UTF-8 bytes with a parser context of its own, in
/// recover mode, and returns `MarkupElement` trees. XML is read without network, entity substitution or
/// DTD loading, so external entities are never read; internal entities are expanded here under a budget.
struct LibXML2Parser: Sendable {
    /// Parts of one XML file parsed at most (documents concatenated in one file).
    static let maximumParts = 1000

    /// Prepares libxml2 once per parser value: initialisation and a loader that refuses external entities.
    init() {
        xmlInitParser()
        rhizome_install_refusing_entity_loader()
    }

    /// Parses HTML (already decoded to UTF-8), recovering from anything; nesting depth is unlimited.
    func parseHTML(_ utf8: [UInt8]) throws(ReadingError) -> ParsedMarkup {
        guard let context = htmlNewParserCtxt() else { throw .malformed("libxml2 could not allocate a parser") }
        defer { htmlFreeParserCtxt(context) }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | XML_PARSE_HUGE.rawValue)
        let document = utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                htmlCtxtReadMemory(context, $0.baseAddress, Int32(buffer.count), nil, "UTF-8", options)
            }
        }
        guard let document else { throw .malformed(Self.lastError(context) ?? "HTML could not be parsed") }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { throw .noText }
        var converter = LibXML2TreeConverter(document: document, lowercaseNames: true,
                                              expansionLimit: max(1 << 20, utf8.count * 8))
        let element = try converter.convert(root)
        return ParsedMarkup(roots: [element], warnings: converter.warnings, stoppedEarly: nil)
    }

    /// Parses XML (already decoded to UTF-8), recovering from broken markup. Entity loops fail as unsafe;
    /// internal entities may expand to at most `expansionLimit` characters in all.
    func parseXML(_ utf8: [UInt8], expansionLimit: Int) throws(ReadingError) -> ParsedMarkup {
        var result = ParsedMarkup(roots: [], warnings: [], stoppedEarly: nil)
        var offset = 0
        var budget = expansionLimit
        var recovered: [String] = []
        while offset < utf8.count, result.roots.count < Self.maximumParts {
            let part = try parseXMLPart(utf8, from: offset, budget: &budget)
            result.roots += part.root.map { [$0] } ?? []
            result.warnings += part.warnings
            if let problem = part.problem { recovered.append(problem) }
            if let stop = part.stoppedEarly {
                result.stoppedEarly = stop
                break
            }
            guard let next = part.nextPart else { break }
            offset += next
        }
        if result.roots.isEmpty, result.stoppedEarly == nil { throw .noText }
        if result.roots.count > 1 {
            result.warnings.append("the file holds \(result.roots.count) XML documents one after another; all were read")
        }
        if let first = recovered.first {
            result.warnings.append("recovered from malformed markup (\(first))")
        }
        return result
    }

    private struct XMLPart {
        var root: MarkupElement?
        var warnings: [String]
        var problem: String?
        var stoppedEarly: String?
        /// Where the next concatenated document starts, relative to this part's start.
        var nextPart: Int?
    }

    private func parseXMLPart(_ utf8: [UInt8], from offset: Int, budget: inout Int) throws(ReadingError) -> XMLPart {
        guard let context = xmlNewParserCtxt() else { throw .malformed("libxml2 could not allocate a parser") }
        defer { xmlFreeParserCtxt(context) }
        var tally = rhizome_parse_tally()
        defer { rhizome_release_tally(&tally) }
        rhizome_attach_tally(context, &tally)
        let options = XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue | XML_PARSE_RECOVER.rawValue | XML_PARSE_IGNORE_ENC.rawValue
        let length = utf8.count - offset
        let document = utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                xmlCtxtReadMemory(context, $0.baseAddress! + offset, Int32(length), nil, "UTF-8", Int32(options))
            }
        }
        defer { if let document { xmlFreeDoc(document) } }
        if tally.entityLoop != 0 {
            throw .unsafe("entity expansion bomb (\(Self.lastError(context) ?? "entity reference loop"))")
        }
        let problem = tally.firstMessage.map { message in
            let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
            return tally.firstLine > 0 ? "line \(tally.firstLine): \(text)" : text
        }
        var part = XMLPart(root: nil, warnings: [], problem: context.pointee.wellFormed == 0 ? problem : nil)
        if tally.depthExceeded != 0 { part.stoppedEarly = "elements nested deeper than libxml2's limit of 256 levels" }
        if tally.hugeText != 0 { part.stoppedEarly = "a text node longer than libxml2's limit of 10,000,000 bytes" }
        if let document, let root = xmlDocGetRootElement(document) {
            var converter = LibXML2TreeConverter(document: document, lowercaseNames: false, expansionLimit: budget)
            part.root = try converter.convert(root)
            part.warnings = converter.warnings
            budget = converter.expansionLeft
        }
        if context.pointee.errNo == XML_ERR_DOCUMENT_END.rawValue, part.stoppedEarly == nil {
            let consumed = Int(xmlByteConsumed(context))
            let rest = utf8[(offset + min(max(consumed, 0), length))...]
            if consumed > 0, consumed < length, rest.contains(where: { $0 == UInt8(ascii: "<") }) {
                part.nextPart = consumed
                part.problem = nil
            }
        }
        return part
    }

    private static func lastError(_ context: xmlParserCtxtPtr) -> String? {
        guard let error = xmlCtxtGetLastError(context), let message = error.pointee.message else { return nil }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return error.pointee.line > 0 ? "line \(error.pointee.line): \(text)" : text
    }
}

extension LibXML2Parser {
    /// The text an HTML named entity stands for (`eacute` → `é`), from libxml2's HTML 4 table.
    static func htmlEntity(named name: String) -> String? {
        guard let description = htmlEntityLookup(name), let scalar = Unicode.Scalar(description.pointee.value) else {
            return nil
        }
        return String(Character(scalar))
    }
}
