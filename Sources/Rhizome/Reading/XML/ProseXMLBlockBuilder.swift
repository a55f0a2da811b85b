/// Walks a prose XML document (DocBook, TEI, JATS) by its vocabulary's roles: sections nest the heading
/// path under their titles, and paragraphs, lists, tables, code and quotes become blocks.
struct ProseXMLBlockBuilder {
    let vocabulary: ProseVocabulary
    private(set) var collector = BlockCollector()

    init(vocabulary: ProseVocabulary) { self.vocabulary = vocabulary }

    /// Walks `root`; sections found inside it start at heading level 1 (the root itself counts as one
    /// when it is a section element, e.g. a DocBook `book`).
    mutating func walk(root: MarkupElement) {
        visit(root, depth: 0)
    }

    /// Adds a synthetic section (e.g. JATS `abstract` without a title) under `title`.
    mutating func walkSection(_ element: MarkupElement, title: String, depth: Int) {
        collector.addHeading(title, level: depth + 1)
        for child in element.childElements where !vocabulary.sectionTitles.contains(child.name) {
            visit(child, depth: depth + 1)
        }
        collector.closeHeadings(from: depth + 1)
    }

    private mutating func visit(_ element: MarkupElement, depth: Int) {
        let name = element.name
        let v = vocabulary
        if v.skipped.contains(name) { return }
        if v.alternatives.contains(name) {
            if let first = element.childElements.first { visit(first, depth: depth) }
            return
        }
        if v.sections.contains(name) {
            let title = sectionTitle(of: element)
            if let title { collector.addHeading(title, level: depth + 1) }
            let level = title == nil ? depth : depth + 1
            for child in element.childElements where !isTitle(child, of: element) { visit(child, depth: level) }
            if title != nil { collector.closeHeadings(from: depth + 1) }
            return
        }
        if v.paragraphs.contains(name) || v.sectionTitles.contains(name) {
            collector.add(v.sectionTitles.contains(name) ? .caption : .paragraph, inlineText(element))
        } else if v.lists.contains(name) {
            let items = element.childElements.filter { v.listItems.contains($0.name) }.map(inlineText)
            let marker = name.hasPrefix("ordered") || element.attribute("list-type") == "order"
                || element.attribute("type") == "ordered"
            let lines = items.enumerated().filter { !$0.element.isEmpty }
                .map { (marker ? "\($0.offset + 1). " : "- ") + $0.element }
            collector.add(.list, lines.joined(separator: "\n"))
        } else if v.definitionLists.contains(name) {
            collector.add(.definitions, definitionLines(element).joined(separator: "\n"))
        } else if v.verbatim.contains(name) {
            collector.add(.code, element.textContent)
        } else if v.tables.contains(name) {
            collector.add(.table, tableLines(element).joined(separator: "\n"))
        } else if v.quotes.contains(name) {
            collector.add(.quote, inlineText(element))
        } else if v.captions.contains(name) {
            collector.add(.caption, inlineText(element))
        } else if element.hasDirectText {
            collector.add(.paragraph, inlineText(element))
        } else {
            for child in element.childElements { visit(child, depth: depth) }
        }
    }

    private func isTitle(_ child: MarkupElement, of section: MarkupElement) -> Bool {
        vocabulary.sectionTitles.contains(child.name)
    }

    private func sectionTitle(of section: MarkupElement) -> String? {
        let title = section.firstChild(named: vocabulary.sectionTitles)
            ?? section.firstChild(named: ["info"])?.firstChild(named: vocabulary.sectionTitles)
        return title.map(inlineText).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Visible text on one line, skipped elements left out.
    func inlineText(_ element: MarkupElement) -> String {
        var text = ""
        func append(_ element: MarkupElement) {
            for child in element.children {
                switch child {
                case .text(let value): text += value
                case .element(let child) where !vocabulary.skipped.contains(child.name):
                    let isBlock = vocabulary.paragraphs.contains(child.name) || vocabulary.listItems.contains(child.name)
                    if isBlock { text += " " }
                    append(child)
                    if isBlock { text += " " }
                default: break
                }
            }
        }
        append(element)
        return text.collapsingWhitespace
    }

    private func definitionLines(_ list: MarkupElement) -> [String] {
        list.childElements.compactMap { entry in
            let terms = entry.childElements.filter { vocabulary.definitionTerms.contains($0.name) }.map(inlineText)
            let definitions = entry.childElements.filter { !vocabulary.definitionTerms.contains($0.name) }
                .map(inlineText).filter { !$0.isEmpty }
            let term = terms.joined(separator: ", ")
            guard !term.isEmpty || !definitions.isEmpty else { return nil }
            return definitions.isEmpty ? term : "\(term): \(definitions.joined(separator: "; "))"
        }
    }

    private func tableLines(_ table: MarkupElement) -> [String] {
        var lines: [String] = []
        func collect(_ element: MarkupElement) {
            for child in element.childElements {
                if vocabulary.tableRows.contains(child.name) {
                    let cells = child.childElements.filter { vocabulary.tableCells.contains($0.name) }.map(inlineText)
                    if cells.contains(where: { !$0.isEmpty }) { lines.append(cells.joined(separator: " | ")) }
                } else if vocabulary.sectionTitles.contains(child.name) || vocabulary.captions.contains(child.name) {
                    let caption = inlineText(child)
                    if !caption.isEmpty { lines.append(caption) }
                } else {
                    collect(child)
                }
            }
        }
        collect(table)
        return lines
    }
}
