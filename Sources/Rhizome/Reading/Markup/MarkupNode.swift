/// A parsed HTML or XML tree in plain Swift values, so block extraction needs no C.
enum MarkupNode: Sendable {
    case element(MarkupElement)
    case text(String)
}

/// An element: its local name (lower-cased for HTML), namespace, attributes and children.
struct MarkupElement: Sendable {
    var name: String
    var namespace: String?
    var attributes: [(name: String, value: String)]
    var children: [MarkupNode]

    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    var childElements: [MarkupElement] {
        children.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }

    func firstChild(named names: Set<String>) -> MarkupElement? {
        childElements.first { names.contains($0.name) }
    }

    /// The first descendant (depth-first) whose name is in `names`.
    func firstDescendant(named names: Set<String>) -> MarkupElement? {
        for child in childElements {
            if names.contains(child.name) { return child }
            if let found = child.firstDescendant(named: names) { return found }
        }
        return nil
    }

    /// All descendant text concatenated, as written (whitespace untouched).
    var textContent: String {
        var result = ""
        appendText(to: &result)
        return result
    }

    private func appendText(to result: inout String) {
        for child in children {
            switch child {
            case .text(let text): result += text
            case .element(let element): element.appendText(to: &result)
            }
        }
    }

    /// Whether any direct child is non-blank text (mixed or text-only content).
    var hasDirectText: Bool {
        children.contains { if case .text(let text) = $0 { !text.collapsingWhitespace.isEmpty } else { false } }
    }
}
