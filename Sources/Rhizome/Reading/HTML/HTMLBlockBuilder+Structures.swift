extension HTMLBlockBuilder {
    /// One line per item, nested lists indented, ordered lists numbered from their `start`.
    func listLines(_ list: MarkupElement, depth: Int) -> [String] {
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
    func definitionLines(_ list: MarkupElement) -> [String] {
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
    func tableLines(_ table: MarkupElement) -> [String] {
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
