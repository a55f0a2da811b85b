/// Walks an HTML tree in document order and turns it into blocks: headings build the heading path,
/// paragraphs, lists, tables, code, quotes, definition lists and captions become one block each, and
/// scripts, navigation, forms and hidden elements are dropped.
struct HTMLBlockBuilder {
    private var collector = BlockCollector()
    private var inline = ""
    private(set) var title: String?
    private var firstHeading: String?

    static let droppedElements: Set<String> = [
        "head", "script", "style", "noscript", "template", "svg", "canvas", "nav", "footer", "aside", "form",
        "iframe", "button", "object", "embed", "select", "dialog",
    ]
    static let droppedRoles: Set<String> = ["navigation", "contentinfo", "complementary", "search"]
    /// `class`/`id` tokens that mark site furniture rather than content (navigation panels, breadcrumbs…).
    static let boilerplateTokens: Set<String> = [
        "nav", "navbar", "nav-panel", "navigation", "navheader", "navfooter", "breadcrumb", "breadcrumbs",
        "sidebar", "site-header", "site-footer", "footer", "menu", "skip-link", "skiplink", "cookie-banner",
        "advert", "advertisement",
    ]
    static let blockContainers: Set<String> = [
        "html", "body", "main", "article", "section", "div", "p", "header", "address", "details", "summary",
        "figure", "fieldset", "legend", "hgroup", "center", "li", "dd", "dt", "hr", "search",
    ]
    static let headingLevels: [String: Int] = ["h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6]

    /// Builds the blocks of `root`; also reads `<title>` from the head.
    static func blocks(of root: MarkupElement) -> (title: String?, blocks: [Block]) {
        var builder = HTMLBlockBuilder()
        builder.title = root.firstDescendant(named: ["title"]).map { $0.textContent.collapsingWhitespace }
            .flatMap { $0.isEmpty ? nil : $0 }
        builder.walk(root)
        builder.flush()
        return (builder.title ?? builder.firstHeading, builder.collector.blocks)
    }

    static func isDropped(_ element: MarkupElement) -> Bool {
        if droppedElements.contains(element.name) { return true }
        if element.attribute("hidden") != nil || element.attribute("aria-hidden")?.lowercased() == "true" { return true }
        if let role = element.attribute("role")?.lowercased(), droppedRoles.contains(role) { return true }
        let tokens = ((element.attribute("class") ?? "") + " " + (element.attribute("id") ?? ""))
            .lowercased().split(separator: " ")
        if tokens.contains(where: { boilerplateTokens.contains(String($0)) }) { return true }
        if let style = element.attribute("style")?.lowercased().filter({ !$0.isWhitespace }),
           style.contains("display:none") || style.contains("visibility:hidden") { return true }
        return false
    }

    private mutating func flush() {
        collector.add(.paragraph, inline.collapsingWhitespace)
        inline = ""
    }

    private mutating func walk(_ element: MarkupElement) {
        for child in element.children {
            switch child {
            case .text(let text): inline += text
            case .element(let element): visit(element)
            }
        }
    }

    private mutating func visit(_ element: MarkupElement) {
        guard !Self.isDropped(element) else { return }
        let name = element.name
        if let level = Self.headingLevels[name] {
            flush()
            let text = Self.inlineText(element)
            if level == 1, firstHeading == nil, !text.isEmpty { firstHeading = text }
            collector.addHeading(text, level: level)
            return
        }
        switch name {
        case "ul", "ol", "menu":
            flush(); collector.add(.list, Self.listLines(element, depth: 0).joined(separator: "\n"))
        case "dl":
            flush(); collector.add(.definitions, Self.definitionLines(element).joined(separator: "\n"))
        case "table":
            flush(); collector.add(.table, Self.tableLines(element).joined(separator: "\n"))
        case "pre":
            flush(); collector.add(.code, element.textContent)
        case "blockquote":
            flush(); collector.add(.quote, Self.inlineText(element))
        case "figcaption", "caption":
            flush(); collector.add(.caption, Self.inlineText(element))
        case "img", "area":
            if let alt = Self.meaningfulAlt(element) { inline += " \(alt) " }
        case "br", "wbr":
            inline += " "
        default:
            if Self.blockContainers.contains(name) {
                flush(); walk(element); flush()
            } else {
                walk(element)
            }
        }
    }

    /// The element's visible text on one line: dropped descendants skipped, image alt text kept.
    static func inlineText(_ element: MarkupElement) -> String {
        var text = ""
        appendInline(element, to: &text)
        return text.collapsingWhitespace
    }

    private static func appendInline(_ element: MarkupElement, to text: inout String) {
        for child in element.children {
            switch child {
            case .text(let value): text += value
            case .element(let child):
                guard !isDropped(child) else { continue }
                if child.name == "img" || child.name == "area" {
                    if let alt = meaningfulAlt(child) { text += " \(alt) " }
                } else if blockContainers.contains(child.name) || child.name == "br" || child.name == "tr" {
                    text += " "; appendInline(child, to: &text); text += " "
                } else {
                    appendInline(child, to: &text)
                }
            }
        }
    }

    /// Alt text that describes something: not empty, not a file name, not a generic word.
    static func meaningfulAlt(_ element: MarkupElement) -> String? {
        guard let alt = element.attribute("alt")?.collapsingWhitespace, alt.count >= 3,
              alt.contains(where: \.isLetter) else { return nil }
        let lower = alt.lowercased()
        let generic: Set<String> = ["image", "img", "photo", "picture", "logo", "icon", "spacer", "banner", "graphic"]
        if generic.contains(lower) { return nil }
        if [".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"].contains(where: lower.hasSuffix) { return nil }
        return alt
    }

    /// One line per item, nested lists indented, ordered lists numbered from their `start`.
    static func listLines(_ list: MarkupElement, depth: Int) -> [String] {
        var lines: [String] = []
        var number = Int(list.attribute("start") ?? "") ?? 1
        let indent = String(repeating: "  ", count: depth)
        for item in list.childElements where item.name == "li" && !isDropped(item) {
            var own = item
            own.children = item.children.filter {
                if case .element(let child) = $0 { !["ul", "ol", "menu"].contains(child.name) } else { true }
            }
            let marker = list.name == "ol" ? "\(number). " : "- "
            let text = inlineText(own)
            if !text.isEmpty { lines.append(indent + marker + text) }
            number += 1
            for nested in item.childElements where ["ul", "ol", "menu"].contains(nested.name) {
                lines += listLines(nested, depth: depth + 1)
            }
        }
        return lines
    }

    /// `term: definition; definition` per term.
    static func definitionLines(_ list: MarkupElement) -> [String] {
        var entries: [(term: String, definitions: [String])] = []
        func collect(_ element: MarkupElement) {
            for child in element.childElements where !isDropped(child) {
                switch child.name {
                case "dt": entries.append((inlineText(child), []))
                case "dd":
                    if entries.isEmpty { entries.append(("", [])) }
                    entries[entries.count - 1].definitions.append(inlineText(child))
                case "div": collect(child)
                default: break
                }
            }
        }
        collect(list)
        return entries.map { entry in
            let definitions = entry.definitions.filter { !$0.isEmpty }.joined(separator: "; ")
            return entry.term.isEmpty ? definitions : definitions.isEmpty ? entry.term : "\(entry.term): \(definitions)"
        }
    }

    /// The caption, then each row with cells separated by ` | `; header rows first, as in the source.
    static func tableLines(_ table: MarkupElement) -> [String] {
        var lines: [String] = []
        if let caption = table.firstChild(named: ["caption"]) {
            let text = inlineText(caption)
            if !text.isEmpty { lines.append(text) }
        }
        func rows(_ element: MarkupElement) -> [MarkupElement] {
            element.childElements.flatMap { child -> [MarkupElement] in
                switch child.name {
                case "tr": [child]
                case "thead", "tbody", "tfoot": rows(child)
                default: []
                }
            }
        }
        let sections = table.childElements
        let ordered = sections.filter { $0.name == "thead" }.flatMap(rows)
            + rows(MarkupElement(name: "body", namespace: nil, attributes: [],
                                 children: sections.filter { $0.name != "thead" && $0.name != "tfoot" }.map { .element($0) }))
            + sections.filter { $0.name == "tfoot" }.flatMap(rows)
        for row in ordered where !isDropped(row) {
            let cells = row.childElements.filter { $0.name == "td" || $0.name == "th" }.map(inlineText)
            if cells.contains(where: { !$0.isEmpty }) { lines.append(cells.joined(separator: " | ")) }
        }
        return lines
    }
}
