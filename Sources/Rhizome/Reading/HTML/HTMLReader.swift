/// Reads HTML with libxml2's forgiving parser. The encoding comes from a byte-order mark, then
/// `<meta charset>`/`http-equiv`, else from the bytes themselves (UTF-8, UTF-16 without a mark, legacy
/// Korean, Japanese or Chinese encodings), falling back to Windows-1252.
public struct HTMLReader: DocumentReader {
    public let format = DocumentFormat.html
    private let parser: LibXML2Parser

    public init() { parser = LibXML2Parser() }

    public func read(_ bytes: [UInt8], sourcePath: String, contentHash: String) throws(ReadingError) -> Document {
        let source = try Transcoder.decode(bytes, by: EncodingDetector.forHTML(bytes))
        if let tooMany = MarkupTextRecovery.tooManyTags(source.utf8) {
            let blocks = MarkupTextRecovery.blocks(of: source.utf8)
            guard !blocks.isEmpty else { throw .noText }
            return Document(sourcePath: sourcePath, title: Self.fallbackTitle(for: sourcePath), format: format,
                            contentHash: contentHash, byteCount: bytes.count, blocks: blocks,
                            warnings: source.warnings + [tooMany])
        }
        let parsed = try parser.parseHTML(source.utf8)
        let (title, blocks) = HTMLBlockBuilder.blocks(of: parsed.roots[0])
        guard !blocks.isEmpty else { throw .noText }
        return Document(sourcePath: sourcePath, title: title ?? Self.fallbackTitle(for: sourcePath), format: format,
                        contentHash: contentHash, byteCount: bytes.count, blocks: blocks,
                        warnings: source.warnings + parsed.warnings)
    }

    /// The encoding `bytes` are decoded with, by the precedence above.
    static func encoding(of bytes: [UInt8]) -> String { EncodingDetector.forHTML(bytes).name }
}
