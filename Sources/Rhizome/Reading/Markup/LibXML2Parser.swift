import Foundation
internal import CLibXML2

/// The only place that talks to libxml2: parses bytes with a parser context of its own and returns a
/// `MarkupElement` tree. HTML is parsed in recover mode; XML without network, entity substitution or DTD
/// loading, so external entities are never read.
struct LibXML2Parser: Sendable {
    /// Prepares libxml2 once per parser value: initialisation and a loader that refuses external entities.
    init() {
        xmlInitParser()
        rhizome_install_refusing_entity_loader()
    }

    /// Parses HTML decoded from `encoding` (an IANA name libxml2 knows), ignoring in-document charset hints.
    func parseHTML(_ bytes: [UInt8], encoding: String) throws(ReadingError) -> MarkupElement {
        guard let context = htmlNewParserCtxt() else { throw .malformed("libxml2 could not allocate a parser") }
        defer { htmlFreeParserCtxt(context) }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                htmlCtxtReadMemory(context, $0.baseAddress, Int32(buffer.count), nil, encoding, options)
            }
        }
        guard let document else { throw .malformed(Self.lastError(context) ?? "HTML could not be parsed") }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { throw .noText }
        return convert(root, document: document, lowercaseNames: true)
    }

    /// Parses XML; `encoding` overrides the document's own declaration when given.
    func parseXML(_ bytes: [UInt8], encoding: String?) throws(ReadingError) -> MarkupElement {
        guard let context = xmlNewParserCtxt() else { throw .malformed("libxml2 could not allocate a parser") }
        defer { xmlFreeParserCtxt(context) }
        var options = XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue
        if encoding != nil { options |= XML_PARSE_IGNORE_ENC.rawValue }
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                xmlCtxtReadMemory(context, $0.baseAddress, Int32(buffer.count), nil, encoding, Int32(options))
            }
        }
        guard let document else {
            let message = Self.lastError(context) ?? "XML could not be parsed"
            if message.localizedCaseInsensitiveContains("entity") && message.localizedCaseInsensitiveContains("loop")
                || message.localizedCaseInsensitiveContains("amplification") {
                throw .unsafe("entity expansion bomb (\(message))")
            }
            throw .malformed(message)
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { throw .noText }
        return convert(root, document: document, lowercaseNames: false)
    }

    private static func lastError(_ context: xmlParserCtxtPtr) -> String? {
        guard let error = xmlCtxtGetLastError(context), let message = error.pointee.message else { return nil }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return error.pointee.line > 0 ? "line \(error.pointee.line): \(text)" : text
    }

    private func convert(_ node: xmlNodePtr, document: xmlDocPtr, lowercaseNames: Bool) -> MarkupElement {
        let rawName = node.pointee.name.map { String(cString: $0) } ?? ""
        var element = MarkupElement(
            name: lowercaseNames ? rawName.lowercased() : rawName,
            namespace: node.pointee.ns?.pointee.href.map { String(cString: $0) },
            attributes: [], children: [])
        var attribute = node.pointee.properties
        while let current = attribute {
            let name = current.pointee.name.map { String(cString: $0) } ?? ""
            var value = ""
            var valueNode = current.pointee.children
            while let text = valueNode {
                if let content = text.pointee.content { value += String(cString: content) }
                valueNode = text.pointee.next
            }
            element.attributes.append((lowercaseNames ? name.lowercased() : name, value))
            attribute = current.pointee.next
        }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                element.children.append(.element(convert(current, document: document, lowercaseNames: lowercaseNames)))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { element.children.append(.text(String(cString: content))) }
            case XML_ENTITY_REF_NODE:
                // Internal entities contribute their replacement text; external ones are never resolved.
                if let entity = xmlGetDocEntity(document, current.pointee.name),
                   entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY, let content = entity.pointee.content {
                    element.children.append(.text(String(cString: content)))
                }
            default:
                break
            }
            child = current.pointee.next
        }
        return element
    }
}

extension LibXML2Parser {
    /// Whether libxml2 (through iconv or ICU) can decode the named encoding.
    static func knowsEncoding(_ name: String) -> Bool {
        guard let handler = xmlFindCharEncodingHandler(name) else { return false }
        xmlCharEncCloseFunc(handler)
        return true
    }
}
