/// Reads plain text: paragraphs are separated by blank lines; a short first line is the title.
public struct PlainTextReader: DocumentReader {
    public let format = DocumentFormat.text

    public init() {}

    public func read(_ bytes: [UInt8], sourcePath: String, contentHash: String) throws(ReadingError) -> Document {
        let source = try Transcoder.decode(bytes, by: EncodingDetector.forText(bytes))
        let text = source.text
        var collector = BlockCollector()
        for paragraph in Self.paragraphs(of: text) {
            collector.add(.paragraph, paragraph.collapsingWhitespace)
        }
        guard let first = collector.blocks.first else { throw .noText }
        let title = first.text.count <= 100 ? first.text : Self.fallbackTitle(for: sourcePath)
        return Document(sourcePath: sourcePath, title: title, format: format, contentHash: contentHash,
                        byteCount: bytes.count, blocks: collector.blocks,
                        warnings: source.warnings)
    }

    /// Runs of non-blank lines.
    static func paragraphs(of text: String) -> [String] {
        var paragraphs: [String] = []
        var current: [Substring] = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")); current = [] }
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
        return paragraphs
    }
}
