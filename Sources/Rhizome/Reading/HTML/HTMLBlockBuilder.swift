/// Walks an HTML tree in document order and turns it into blocks: headings build the heading path,
/// paragraphs, lists, tables, code, quotes, definition lists and captions become one block each, and
/// scripts, navigation, forms and hidden elements are dropped.
struct HTMLBlockBuilder {
    /// Whether link-dense navigation blocks are dropped (turned off when that would leave no text).
    let dropsNavigation: Bool
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
        "advert", "advertisement", "headerlink", "sphinxsidebar", "related", "toc-backref",
    ]
    /// Marks that decorate headings and link to them (Sphinx `¶`, GitHub `#`), never content.
    static let permalinkMarks: Set<String> = ["¶", "#", "§", "🔗", "∞"]
    static let blockContainers: Set<String> = [
        "html", "body", "main", "article", "section", "div", "p", "header", "address", "details", "summary",
        "figure", "fieldset", "legend", "hgroup", "center", "li", "dd", "dt", "hr", "search",
    ]
    static let headingLevels: [String: Int] = ["h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6]
    /// Parts of a layout table, walked as containers.
    static let layoutCells: Set<String> = ["tr", "td", "th", "tbody", "thead", "tfoot"]
    /// Elements that end a run of words: text on either side of them never glues together.
    static let separating: Set<String> = blockContainers.union(layoutCells).union(headingLevels.keys).union([
        "br", "table", "ul", "ol", "menu", "dl", "pre", "blockquote", "caption", "figcaption", "option", "label",
    ])

    /// Builds the blocks of `root`; also reads `<title>` from the head. Navigation is dropped unless
    /// the page is nothing but navigation (an index page), which is then kept.
    static func blocks(of root: MarkupElement) -> (title: String?, blocks: [Block]) {
        let title = root.firstDescendant(named: ["title"]).map { $0.textContent.collapsingWhitespace }
            .flatMap { $0.isEmpty ? nil : $0 }
        for dropsNavigation in [true, false] {
            var builder = HTMLBlockBuilder(dropsNavigation: dropsNavigation)
            builder.walk(root)
            builder.flush()
            if !builder.collector.blocks.isEmpty || !dropsNavigation {
                return (title ?? builder.firstHeading, builder.collector.blocks)
            }
        }
        return (title, [])
    }

    init(dropsNavigation: Bool) { self.dropsNavigation = dropsNavigation }

    func isDropped(_ element: MarkupElement) -> Bool {
        if Self.isFurniture(element) { return true }
        return dropsNavigation && HTMLBoilerplate.isNavigation(element)
    }

    /// Dropped by what it is: scripts, forms, hidden elements, navigation roles and class names, permalinks.
    static func isFurniture(_ element: MarkupElement) -> Bool {
        if droppedElements.contains(element.name) { return true }
        if element.name == "a", permalinkMarks.contains(element.textContent.collapsingWhitespace) { return true }
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
        guard !isDropped(element) else { return }
        let name = element.name
        if let level = Self.headingLevels[name] {
            flush()
            let text = inlineText(element)
            if level == 1, firstHeading == nil, !text.isEmpty { firstHeading = text }
            collector.addHeading(text, level: level)
            return
        }
        switch name {
        case "ul", "ol", "menu":
            flush(); collector.add(.list, listLines(element, depth: 0).joined(separator: "\n"))
        case "dl":
            flush(); collector.add(.definitions, definitionLines(element).joined(separator: "\n"))
        case "table" where HTMLBoilerplate.isLayoutTable(element):
            // A table placing columns on the page: its cells are containers, not data.
            flush(); walk(element); flush()
        case "table":
            flush(); collector.add(.table, tableLines(element).joined(separator: "\n"))
        case "pre":
            flush(); collector.add(.code, element.textContent)
        case "blockquote":
            flush(); collector.add(.quote, inlineText(element))
        case "figcaption", "caption":
            flush(); collector.add(.caption, inlineText(element))
        case "img", "area":
            if let alt = Self.meaningfulAlt(element) { inline += " \(alt) " }
        case "br", "wbr":
            inline += " "
        default:
            if Self.blockContainers.contains(name) || Self.layoutCells.contains(name) {
                flush(); walk(element); flush()
            } else {
                walk(element)
            }
        }
    }

    /// The element's visible text on one line: dropped descendants skipped, image alt text kept.
    func inlineText(_ element: MarkupElement) -> String {
        var text = ""
        appendInline(element, to: &text)
        return text.collapsingWhitespace
    }

    private func appendInline(_ element: MarkupElement, to text: inout String) {
        for child in element.children {
            switch child {
            case .text(let value): text += value
            case .element(let child):
                guard !isDropped(child) else { continue }
                if child.name == "img" || child.name == "area" {
                    if let alt = Self.meaningfulAlt(child) { text += " \(alt) " }
                } else if Self.separating.contains(child.name) {
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
        if generic.contains(lower) || lower.hasSuffix(" logo") || lower.hasSuffix(" icon") { return nil }
        if [".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"].contains(where: lower.hasSuffix) { return nil }
        return alt
    }
}
