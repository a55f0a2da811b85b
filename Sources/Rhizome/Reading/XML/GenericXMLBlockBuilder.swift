/// Reads XML of no known vocabulary: an element whose children are all simple fields becomes one block of
/// `field: value` lines (a record), an element with text of its own becomes a paragraph, and the path of
/// enclosing elements (with identifying attribute values) is the heading context.
struct GenericXMLBlockBuilder {
    private(set) var blocks: [Block] = []

    /// Attributes that are plumbing rather than content.
    static let ignoredAttributes: Set<String> = ["schemaLocation", "noNamespaceSchemaLocation", "space", "lang"]

    mutating func walk(_ element: MarkupElement, path: [String]) {
        if element.hasDirectText {
            // Prose (mixed content or a sentence's worth of words) is text, not a `name: value` field.
            let prose = !element.childElements.isEmpty || Self.proseNames.contains(element.name.lowercased())
                || Self.wordCount(element.textContent) >= 8
            add(.paragraph, prose ? element.textContent.collapsingWhitespace : Self.label(element, withText: true),
                path: path)
            return
        }
        let children = element.childElements
        if !children.isEmpty, children.allSatisfy(Self.isField) {
            var lines = [Self.label(element, withText: false)]
            lines += children.map { "\($0.name): \(Self.fieldValue($0))" }
            add(.paragraph, lines.joined(separator: "\n"), path: path)
            return
        }
        if children.isEmpty {
            let attributes = Self.attributeSummary(element)
            if !attributes.isEmpty { add(.metadata, "\(element.name) (\(attributes))", path: path) }
            return
        }
        let attributes = Self.attributeSummary(element)
        let heading = attributes.isEmpty ? element.name : "\(element.name) (\(attributes))"
        for child in children { walk(child, path: path + [heading]) }
    }

    private mutating func add(_ kind: BlockKind, _ text: String, path: [String]) {
        guard !text.collapsingWhitespace.isEmpty else { return }
        blocks.append(Block(kind: kind, text: text, headingPath: path))
    }

    static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: { $0.isWhitespace }).count
    }

    /// Element names that hold prose in any vocabulary: their text is never a `name: value` field.
    static let proseNames: Set<String> = ["p", "para", "div", "section", "note", "li", "item", "text", "body",
                                          "span", "paragraph", "sentence", "abstract", "summary"]

    /// A field: an element with no element children (text and attributes only), not a prose element.
    static func isField(_ element: MarkupElement) -> Bool {
        element.childElements.isEmpty && !proseNames.contains(element.name.lowercased())
    }

    static func fieldValue(_ element: MarkupElement) -> String {
        let text = element.textContent.collapsingWhitespace
        let attributes = attributeSummary(element)
        return attributes.isEmpty ? text : text.isEmpty ? attributes : "\(text) (\(attributes))"
    }

    /// `name (attr: value, …)`, then the element's text when asked.
    static func label(_ element: MarkupElement, withText: Bool) -> String {
        let attributes = attributeSummary(element)
        let head = attributes.isEmpty ? element.name : "\(element.name) (\(attributes))"
        return withText ? "\(head): \(element.textContent.collapsingWhitespace)" : head
    }

    /// Meaningful attribute values: not namespace plumbing, not empty, not huge.
    static func attributeSummary(_ element: MarkupElement) -> String {
        element.attributes
            .filter { !ignoredAttributes.contains($0.name) && !$0.value.isEmpty && $0.value.count <= 200 }
            .map { "\($0.name): \($0.value.collapsingWhitespace)" }
            .joined(separator: ", ")
    }
}
