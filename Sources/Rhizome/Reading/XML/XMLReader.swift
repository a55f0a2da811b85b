/// Reads XML safely (no network, no external entities, no DTD loading; entity bombs fail fast) and
/// recognises XHTML, DocBook, Mallard, TEI, JATS, Atom and RSS; anything else is read as generic XML.
public struct XMLReader: DocumentReader {
    public let format = DocumentFormat.xml
    private let parser: LibXML2Parser

    public init() { parser = LibXML2Parser() }

    static let xhtmlNamespace = "http://www.w3.org/1999/xhtml"
    static let docBookNamespace = "http://docbook.org/ns/docbook"
    static let mallardNamespace = "http://projectmallard.org/1.0/"
    static let docBookRoots: Set<String> = ["book", "article", "chapter", "part", "set", "refentry", "section",
                                            "preface", "appendix", "reference", "sect1"]

    public func read(_ bytes: [UInt8], sourcePath: String, contentHash: String) throws(ReadingError) -> Document {
        let source = try Transcoder.decode(bytes, by: EncodingDetector.forXML(bytes))
        if let tooMany = MarkupTextRecovery.tooManyTags(source.utf8) {
            let blocks = MarkupTextRecovery.blocks(of: source.utf8)
            guard !blocks.isEmpty else { throw .noText }
            return Document(sourcePath: sourcePath, title: Self.fallbackTitle(for: sourcePath), format: format,
                            contentHash: contentHash, byteCount: bytes.count, blocks: blocks,
                            warnings: source.warnings + [tooMany])
        }
        let parsed = try parser.parseXML(source.utf8, expansionLimit: Self.expansionLimit(forFileOf: bytes.count))
        var title: String?
        var blocks: [Block] = []
        for root in parsed.roots {
            let (rootTitle, rootBlocks) = extract(root)
            title = title ?? rootTitle?.collapsingWhitespace
            blocks += rootBlocks
        }
        var warnings = source.warnings + parsed.warnings
        if let stop = parsed.stoppedEarly {
            blocks = MarkupTextRecovery.blocks(of: source.utf8)
            warnings = source.warnings + ["\(stop): the whole file was read as plain text"]
        }
        guard !blocks.isEmpty else { throw .noText }
        return Document(sourcePath: sourcePath, title: (title?.isEmpty == false ? title : nil)
                            ?? Self.fallbackTitle(for: sourcePath),
                        format: format, contentHash: contentHash, byteCount: bytes.count, blocks: blocks,
                        warnings: warnings)
    }

    /// Characters internal entities may add to a file of `byteCount` bytes: eight times its size, at
    /// least a mebibyte. Real documents stay far below; expansion bombs exceed it at once.
    static func expansionLimit(forFileOf byteCount: Int) -> Int { max(1 << 20, byteCount * 8) }

    /// The vocabulary that `root` belongs to, by its name and namespace.
    static func vocabulary(of root: MarkupElement) -> String {
        if root.name == "html" { return "XHTML" }
        if root.name == "TEI" || root.name == "teiCorpus" { return "TEI" }
        if root.name == "feed" { return "Atom" }
        if root.name == "rss" || root.name == "RDF" { return "RSS" }
        if root.name == "article", root.firstChild(named: ["front"]) != nil || root.attribute("dtd-version") != nil {
            return "JATS"
        }
        if root.namespace == mallardNamespace { return "Mallard" }
        if root.namespace == docBookNamespace || docBookRoots.contains(root.name) { return "DocBook" }
        return "generic"
    }

    private func extract(_ root: MarkupElement) -> (String?, [Block]) {
        switch Self.vocabulary(of: root) {
        case "XHTML":
            return HTMLBlockBuilder.blocks(of: root)
        case "Atom", "RSS":
            return FeedBlockBuilder(parser: parser).blocks(of: root) ?? (nil, [])
        case "TEI":
            return prose(root, .tei)
        case "DocBook":
            return prose(root, .docBook)
        case "Mallard":
            return prose(root, .mallard)
        case "JATS":
            return jats(root)
        default:
            var builder = GenericXMLBlockBuilder()
            builder.walk(root, path: [])
            return (nil, builder.blocks)
        }
    }

    private func prose(_ root: MarkupElement, _ vocabulary: ProseVocabulary) -> (String?, [Block]) {
        var builder = ProseXMLBlockBuilder(vocabulary: vocabulary)
        builder.walk(root: root)
        return (vocabulary.documentTitle(root), builder.collector.blocks)
    }

    /// JATS keeps the abstract and authors in `front`; they are read before the body.
    private func jats(_ root: MarkupElement) -> (String?, [Block]) {
        var builder = ProseXMLBlockBuilder(vocabulary: .jats)
        let meta = root.firstChild(named: ["front"])?.firstChild(named: ["article-meta"])
        var blocks: [Block] = []
        let authors = meta?.firstDescendant(named: ["contrib-group"])?.childElements
            .filter { $0.name == "contrib" }
            .compactMap { contrib -> String? in
                guard let name = contrib.firstDescendant(named: ["name"]) else {
                    return contrib.firstDescendant(named: ["collab"])?.textContent.collapsingWhitespace
                }
                let given = name.firstChild(named: ["given-names"])?.textContent ?? ""
                let surname = name.firstChild(named: ["surname"])?.textContent ?? ""
                return "\(given) \(surname)".collapsingWhitespace
            } ?? []
        if !authors.isEmpty {
            blocks.append(Block(kind: .metadata, text: "Authors: " + authors.joined(separator: ", "), headingPath: []))
        }
        for abstract in meta?.childElements.filter({ $0.name == "abstract" }) ?? [] {
            let title = abstract.firstChild(named: ["title"]).map(builder.inlineText) ?? "Abstract"
            builder.walkSection(abstract, title: title, depth: 0)
        }
        builder.walk(root: root)
        return (ProseVocabulary.jats.documentTitle(root), blocks + builder.collector.blocks)
    }
}
