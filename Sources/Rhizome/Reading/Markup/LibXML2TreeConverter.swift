import Foundation
internal import CLibXML2

/// Copies a libxml2 tree into `MarkupElement` values. Entity references are resolved here, never by
/// libxml2: an internal entity contributes its parsed content, charged to an expansion budget so that one
/// large entity referenced many times (the "quadratic blowup") cannot exhaust memory; an undeclared one
/// becomes its HTML meaning (`&eacute;` → é) or its own name (`&kstars;` → kstars); an external one is
/// never read. Nesting deeper than `maximumDepth` is flattened to its text without recursion.
struct LibXML2TreeConverter {
    /// Elements nested deeper than this keep their text but not their structure.
    static let maximumDepth = 200

    private let document: xmlDocPtr
    private let lowercaseNames: Bool
    private let expansionLimit: Int
    /// Characters internal entities may still add.
    private(set) var expansionLeft: Int
    private var undeclared: [String: Int] = [:]
    private var external: [String: Int] = [:]
    private var flattened = 0
    /// Whether nodes are freed once copied (not while copying entity content, which libxml2 owns).
    private var consuming = false

    init(document: xmlDocPtr, lowercaseNames: Bool, expansionLimit: Int) {
        self.document = document
        self.lowercaseNames = lowercaseNames
        self.expansionLimit = expansionLimit
        expansionLeft = expansionLimit
    }

    /// One line per kind of thing the user should know about (undeclared or unread entities, flattening).
    var warnings: [String] {
        var lines: [String] = []
        if !undeclared.isEmpty {
            lines.append("\(Self.count(undeclared, "undeclared entit", "y", "ies")) kept as their names "
                + "(the DTD that declares them is never loaded): \(Self.listing(undeclared))")
        }
        if !external.isEmpty {
            lines.append("\(Self.count(external, "external entit", "y", "ies")) not read "
                + "(files a document points to are never opened): \(Self.listing(external))")
        }
        if flattened > 0 {
            lines.append("\(flattened) element\(flattened == 1 ? "" : "s") nested deeper than "
                + "\(Self.maximumDepth) levels read as plain text")
        }
        return lines
    }

    /// Converts the tree under `node`, freeing each libxml2 node once copied so both trees never
    /// coexist in full (the document's own tree is consumed; entity content is left alone).
    mutating func convert(_ node: xmlNodePtr) throws(ReadingError) -> MarkupElement {
        consuming = true
        defer { consuming = false }
        return try convertElement(node, depth: 0)
    }

    private mutating func convertElement(_ node: xmlNodePtr, depth: Int) throws(ReadingError) -> MarkupElement {
        let rawName = node.pointee.name.map { String(cString: $0) } ?? ""
        var element = MarkupElement(name: lowercaseNames ? rawName.lowercased() : rawName,
                                    namespace: node.pointee.ns?.pointee.href.map { String(cString: $0) },
                                    attributes: attributes(of: node), children: [])
        if depth >= Self.maximumDepth, node.pointee.children != nil {
            flattened += 1
            if let content = xmlNodeGetContent(node) {
                element.children = [.text(String(cString: content))]
                rhizome_xml_free(content)
            }
            return element
        }
        try appendNodes(from: node.pointee.children, to: &element.children, depth: depth)
        return element
    }

    private func attributes(of node: xmlNodePtr) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            let name = current.pointee.name.map { String(cString: $0) } ?? ""
            var value = ""
            var valueNode = current.pointee.children
            while let text = valueNode {
                if let content = text.pointee.content { value += String(cString: content) }
                valueNode = text.pointee.next
            }
            result.append((lowercaseNames ? name.lowercased() : name, value))
            attribute = current.pointee.next
        }
        return result
    }

    private mutating func appendNodes(from first: xmlNodePtr?, to children: inout [MarkupNode],
                                      depth: Int) throws(ReadingError) {
        var child = first
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                children.append(.element(try convertElement(current, depth: depth + 1)))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { children.append(.text(String(cString: content))) }
            case XML_ENTITY_REF_NODE:
                try appendEntity(current, to: &children, depth: depth)
            default:
                break
            }
            child = current.pointee.next
            if consuming {
                xmlUnlinkNode(current)
                xmlFreeNode(current)
            }
        }
    }

    private mutating func appendEntity(_ reference: xmlNodePtr, to children: inout [MarkupNode],
                                       depth: Int) throws(ReadingError) {
        let name = reference.pointee.name.map { String(cString: $0) } ?? ""
        guard let entity = xmlGetDocEntity(document, reference.pointee.name) else {
            if let meaning = LibXML2Parser.htmlEntity(named: name) {
                children.append(.text(meaning))
            } else {
                undeclared[name, default: 0] += 1
                children.append(.text(name))
            }
            return
        }
        guard entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY else {
            external[name, default: 0] += 1
            return
        }
        let cost = max(1, Int(xmlStrlen(entity.pointee.content)))
        guard cost <= expansionLeft else {
            throw .unsafe("entity references expand to more than \(expansionLimit) characters "
                + "(an entity expansion bomb; first over the limit: &\(name);)")
        }
        expansionLeft -= cost
        if let parsed = entity.pointee.children {
            let wasConsuming = consuming
            consuming = false
            defer { consuming = wasConsuming }
            try appendNodes(from: parsed, to: &children, depth: depth)
        } else if let content = entity.pointee.content {
            children.append(.text(String(cString: content)))
        }
    }

    private static func count(_ names: [String: Int], _ stem: String, _ one: String, _ many: String) -> String {
        let total = names.values.reduce(0, +)
        return "\(total) reference\(total == 1 ? "" : "s") to \(names.count) \(stem)\(names.count == 1 ? one : many)"
    }

    /// `&a; (3), &b; (1)`, most used first, at most five names.
    private static func listing(_ names: [String: Int]) -> String {
        let sorted = names.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        var text = sorted.prefix(5).map { "&\($0.key); (\($0.value))" }.joined(separator: ", ")
        if sorted.count > 5 { text += " and \(sorted.count - 5) more" }
        return text
    }
}
