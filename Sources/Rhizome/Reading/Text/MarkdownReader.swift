import Foundation

/// Reads Markdown: `#` headings build the heading path, fenced code stays verbatim, list lines group into a
/// list block, `>` lines into a quote, `|` lines into a table, and other runs of lines into paragraphs.
public struct MarkdownReader: DocumentReader {
    public let format = DocumentFormat.markdown

    public init() {}

    public func read(_ bytes: [UInt8], sourcePath: String, contentHash: String) throws(ReadingError) -> Document {
        let source = try Transcoder.decode(bytes, by: EncodingDetector.forText(bytes))
        let text = source.text
        var collector = BlockCollector()
        var pending: [String] = []
        var pendingKind = BlockKind.paragraph
        var fence: String?
        var title: String?

        func flush() {
            let joined = pending.joined(separator: "\n")
            collector.add(pendingKind, pendingKind == .code ? joined : (pendingKind == .paragraph
                ? joined.collapsingWhitespace : joined))
            pending = []
            pendingKind = .paragraph
        }

        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let open = fence {
                if trimmed.hasPrefix(open) { flush(); fence = nil } else { pending.append(line) }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                flush(); fence = String(trimmed.prefix(3)); pendingKind = .code
                continue
            }
            if let level = Self.headingLevel(trimmed) {
                flush()
                let heading = trimmed.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
                    .trimmingCharacters(in: CharacterSet(charactersIn: "#")).trimmingCharacters(in: .whitespaces)
                if title == nil, level == 1 { title = heading }
                collector.addHeading(heading, level: level)
                continue
            }
            if trimmed.isEmpty { flush(); continue }
            let kind = Self.lineKind(trimmed)
            if kind != pendingKind, !pending.isEmpty { flush() }
            pendingKind = kind
            pending.append(kind == .paragraph ? trimmed : (kind == .quote ? String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces) : line))
        }
        flush()
        guard !collector.blocks.isEmpty else { throw .noText }
        return Document(sourcePath: sourcePath, title: title ?? Self.fallbackTitle(for: sourcePath), format: format,
                        contentHash: contentHash, byteCount: bytes.count, blocks: collector.blocks,
                        warnings: source.warnings)
    }

    static func headingLevel(_ line: String) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    static func lineKind(_ line: String) -> BlockKind {
        if line.hasPrefix(">") { return .quote }
        if line.hasPrefix("|") { return .table }
        if line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("+ ") { return .list }
        let digits = line.prefix(while: \.isNumber)
        if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") { return .list }
        return .paragraph
    }
}
