/// Reads Atom and RSS feeds: each entry or item becomes a section under its title, with a metadata block
/// (date, link, author) and its content, which is parsed as HTML when the feed escapes HTML into it.
struct FeedBlockBuilder {
    let parser: LibXML2Parser

    /// The feed's title and blocks, or nil when `root` is not a feed.
    func blocks(of root: MarkupElement) -> (title: String?, blocks: [Block])? {
        switch root.name {
        case "feed": return atom(root)
        case "rss", "RDF": return rss(root)
        default: return nil
        }
    }

    private func atom(_ feed: MarkupElement) -> (String?, [Block]) {
        var blocks: [Block] = []
        let title = feed.firstChild(named: ["title"])?.textContent.collapsingWhitespace
        if let subtitle = feed.firstChild(named: ["subtitle"])?.textContent.collapsingWhitespace, !subtitle.isEmpty {
            blocks.append(Block(kind: .paragraph, text: subtitle, headingPath: []))
        }
        for entry in feed.childElements where entry.name == "entry" {
            let link = entry.childElements.first { $0.name == "link" && ($0.attribute("rel") ?? "alternate") == "alternate" }
            let author = entry.firstChild(named: ["author"])?.firstChild(named: ["name"])?.textContent
            let metadata: [(String, String?)] = [
                ("Published", entry.firstChild(named: ["published"])?.textContent
                    ?? entry.firstChild(named: ["updated"])?.textContent),
                ("Author", author), ("Link", link?.attribute("href")),
            ]
            let body = entry.firstChild(named: ["content"]) ?? entry.firstChild(named: ["summary"])
            blocks += section(title: entry.firstChild(named: ["title"])?.textContent, metadata: metadata,
                              body: body, bodyIsHTML: body?.attribute("type") == "html")
        }
        return (title, blocks)
    }

    private func rss(_ root: MarkupElement) -> (String?, [Block]) {
        let channel = root.firstChild(named: ["channel"]) ?? root
        var blocks: [Block] = []
        let title = channel.firstChild(named: ["title"])?.textContent.collapsingWhitespace
        if let description = channel.firstChild(named: ["description"])?.textContent.collapsingWhitespace,
           !description.isEmpty {
            blocks.append(Block(kind: .paragraph, text: description, headingPath: []))
        }
        // RSS 1.0 (RDF) puts items beside the channel; RSS 2.0 inside it.
        let items = channel.childElements.filter { $0.name == "item" } + root.childElements.filter { $0.name == "item" }
        for item in items {
            let metadata: [(String, String?)] = [
                ("Published", item.firstChild(named: ["pubDate", "date"])?.textContent),
                ("Author", item.firstChild(named: ["author", "creator"])?.textContent),
                ("Link", item.firstChild(named: ["link"])?.textContent),
            ]
            let body = item.firstChild(named: ["encoded"]) ?? item.firstChild(named: ["description"])
            blocks += section(title: item.firstChild(named: ["title"])?.textContent, metadata: metadata,
                              body: body, bodyIsHTML: true)
        }
        return (title, blocks)
    }

    private func section(title: String?, metadata: [(String, String?)], body: MarkupElement?,
                         bodyIsHTML: Bool) -> [Block] {
        var collector = BlockCollector()
        collector.addHeading(title ?? "Untitled entry", level: 1)
        let lines = metadata.compactMap { label, value in
            value.map { $0.collapsingWhitespace }.flatMap { $0.isEmpty ? nil : "\(label): \($0)" }
        }
        collector.add(.metadata, lines.joined(separator: "\n"))
        var blocks = collector.blocks
        let path = collector.headingPath
        guard let body else { return blocks }
        if let xhtml = body.firstChild(named: ["div"]), body.attribute("type") == "xhtml" {
            blocks += HTMLBlockBuilder.blocks(of: xhtml).blocks.map { prefixed($0, with: path) }
        } else if bodyIsHTML, body.textContent.contains("<"),
                  let root = try? parser.parseHTML(Array(body.textContent.utf8)).roots[0] {
            blocks += HTMLBlockBuilder.blocks(of: root).blocks.map { prefixed($0, with: path) }
        } else {
            let text = body.textContent.collapsingWhitespace
            if !text.isEmpty { blocks.append(Block(kind: .paragraph, text: text, headingPath: path)) }
        }
        return blocks
    }

    private func prefixed(_ block: Block, with path: [String]) -> Block {
        var block = block
        block.headingPath = path + block.headingPath
        return block
    }
}
