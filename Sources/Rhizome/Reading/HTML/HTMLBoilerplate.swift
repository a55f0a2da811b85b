/// Recognises the furniture of real documentation sites by what it is made of rather than by name:
/// navigation is text that is almost all links (menus, texinfo's `Next: … Previous: … Up:` headers,
/// "related links" columns), and layout tables are tables used to place columns of blocks on a page.
enum HTMLBoilerplate {
    /// Elements whose link density is judged; inline elements and the page's main containers are not.
    static let judgedElements: Set<String> = [
        "ul", "ol", "menu", "div", "td", "th", "table", "p", "center", "section", "header", "dl",
    ]
    /// Words that label navigation links ("Next:", "Up:", "[Index]") and say nothing themselves.
    static let navigationWords: Set<String> = [
        "next", "previous", "prev", "up", "top", "home", "contents", "index", "back", "forward", "toc", "table",
        "of", "page", "go", "to", "chapter", "section", "menu",
    ]
    /// Longer than this, a block is content even when most of it is links (an index page).
    static let maximumNavigationCharacters = 3000

    /// Whether `element` is navigation: at least two links, and nearly all of its text either inside
    /// links or navigation words and punctuation.
    static func isNavigation(_ element: MarkupElement) -> Bool {
        guard judgedElements.contains(element.name) else { return false }
        // A block holding a main heading is content (a page header), whatever its links.
        if element.firstDescendant(named: ["h1", "h2", "h3"]) != nil { return false }
        var stats = LinkStatistics()
        stats.measure(element, insideLink: false)
        guard stats.links >= 2, stats.total <= maximumNavigationCharacters, stats.total > 0 else { return false }
        let plain = stats.meaningfulPlain
        if stats.links >= 3 && Double(stats.linkText) >= 0.7 * Double(stats.total) { return true }
        return plain <= 3 && stats.linkText > 0
    }

    /// Whether a table lays out a page rather than holding data: it nests another table, a cell holds a
    /// heading or a form, or a cell holds several blocks of its own.
    static func isLayoutTable(_ table: MarkupElement) -> Bool {
        if table.attribute("role")?.lowercased() == "presentation" { return true }
        let blocks: Set<String> = ["p", "ul", "ol", "div", "pre", "blockquote", "dl", "center"]
        let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]
        var layout = false
        func visitCells(_ element: MarkupElement) {
            for child in element.childElements where !layout {
                switch child.name {
                case "td", "th":
                    if child.firstDescendant(named: headings.union(["table", "form"])) != nil { layout = true }
                    if child.childElements.count { blocks.contains($0.name) } >= 2 { layout = true }
                case "tr", "thead", "tbody", "tfoot":
                    visitCells(child)
                default:
                    break
                }
            }
        }
        visitCells(table)
        return layout
    }
}

/// Characters of visible text in an element, in and out of links.
private struct LinkStatistics {
    var total = 0
    var linkText = 0
    var links = 0
    /// Characters outside links that are letters of words other than navigation words.
    var meaningfulPlain = 0

    mutating func measure(_ element: MarkupElement, insideLink: Bool) {
        for child in element.children {
            switch child {
            case .text(let text):
                let visible = text.unicodeScalars.count { !$0.properties.isWhitespace }
                total += visible
                if insideLink {
                    linkText += visible
                } else {
                    meaningfulPlain += Self.meaningfulCharacters(text)
                }
            case .element(let child):
                guard !["script", "style"].contains(child.name) else { continue }
                if child.name == "img", let alt = child.attribute("alt") {
                    let visible = alt.unicodeScalars.count { !$0.properties.isWhitespace }
                    total += visible
                    if insideLink { linkText += visible }
                    continue
                }
                let isLink = child.name == "a" && child.attribute("href") != nil
                if isLink { links += 1 }
                measure(child, insideLink: insideLink || isLink)
            }
        }
    }

    /// Letters and digits of words that are not navigation labels.
    static func meaningfulCharacters(_ text: String) -> Int {
        text.split { !$0.isLetter && !$0.isNumber }
            .filter { !HTMLBoilerplate.navigationWords.contains($0.lowercased()) }
            .reduce(0) { $0 + $1.count }
    }
}
