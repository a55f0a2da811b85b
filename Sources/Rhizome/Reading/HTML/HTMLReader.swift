/// Reads HTML with libxml2's forgiving parser. The encoding comes from a byte-order mark, then
/// `<meta charset>`/`http-equiv`, else UTF-8, falling back to Windows-1252 when the bytes are not UTF-8.
public struct HTMLReader: DocumentReader {
    public let format = DocumentFormat.html
    private let parser: LibXML2Parser

    public init() { parser = LibXML2Parser() }

    public func read(_ bytes: [UInt8], sourcePath: String, contentHash: String) throws(ReadingError) -> Document {
        let root = try parser.parseHTML(bytes, encoding: Self.encoding(of: bytes))
        let (title, blocks) = HTMLBlockBuilder.blocks(of: root)
        guard !blocks.isEmpty else { throw .noText }
        return Document(sourcePath: sourcePath, title: title ?? Self.fallbackTitle(for: sourcePath), format: format,
                        contentHash: contentHash, byteCount: bytes.count, blocks: blocks)
    }

    /// The encoding to decode `bytes` with, by the precedence above.
    static func encoding(of bytes: [UInt8]) -> String {
        if let bom = TextDecoding.byteOrderMark(bytes) { return bom.encoding }
        if let declared = TextDecoding.declaredHTMLCharset(bytes) {
            switch declared {
            // As browsers do: Latin-1 and ASCII labels mean Windows-1252; a UTF-16 label without a BOM is a lie.
            case "iso-8859-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252", "x-cp1252":
                return "windows-1252"
            case "utf-16", "utf-16le", "utf-16be":
                break
            default:
                if LibXML2Parser.knowsEncoding(declared) { return declared }
            }
        }
        return TextDecoding.isValidUTF8(bytes) ? "UTF-8" : "windows-1252"
    }
}
