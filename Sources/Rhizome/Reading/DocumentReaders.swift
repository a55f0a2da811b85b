import Crypto
import Foundation

/// Picks the reader for a file and screens bad input first: empty, too large, or binary files fail with
/// a one-line reason before any parser sees them.
public struct DocumentReaders: Sendable {
    /// Files larger than this are refused (the CLI's `--max-file-size`).
    public var maxFileSize: Int
    private let readers: [DocumentFormat: any DocumentReader]

    /// The default limit: 50 MB.
    public static let defaultMaxFileSize = 50 * 1024 * 1024

    public init(maxFileSize: Int = DocumentReaders.defaultMaxFileSize) {
        self.maxFileSize = maxFileSize
        let all: [any DocumentReader] = [HTMLReader(), XMLReader(), PlainTextReader(), MarkdownReader()]
        readers = Dictionary(uniqueKeysWithValues: all.map { ($0.format, $0) })
    }

    /// File extensions read when walking a directory, by format.
    public static let extensions: [String: DocumentFormat] = [
        "html": .html, "htm": .html, "xhtml": .xml, "xml": .xml, "rss": .xml, "atom": .xml, "tei": .xml,
        "dbk": .xml, "docbook": .xml, "jats": .xml, "nxml": .xml, "page": .xml, "txt": .text, "text": .text,
        "md": .markdown, "markdown": .markdown,
    ]

    /// The format from the extension, else by sniffing the first bytes.
    public static func detectFormat(path: String, bytes: [UInt8]) -> DocumentFormat {
        let ext = (path as NSString).pathExtension.lowercased()
        if let format = extensions[ext] { return format }
        return sniffFormat(bytes)
    }

    /// `<?xml` → XML, `<!doctype html`/`<html` → HTML, other markup → XML, else text (looked at in
    /// the file's encoding, so UTF-16 is recognised too).
    public static func sniffFormat(_ bytes: [UInt8]) -> DocumentFormat {
        let choice = EncodingDetector.forText(Array(bytes.prefix(2048)))
        let decoded = (try? Transcoder.decode(Array(bytes.prefix(2048)), by: choice))?.text ?? ""
        let head = decoded.prefix(512).drop { $0.isWhitespace || $0 == "\u{FEFF}" }.lowercased()
        if head.hasPrefix("<?xml") { return .xml }
        if head.hasPrefix("<!doctype html") || head.hasPrefix("<html") { return .html }
        if head.hasPrefix("<") { return head.contains("<body") || head.contains("<p>") || head.contains("<div") ? .html : .xml }
        if head.hasPrefix("#") { return .markdown }
        return .text
    }

    /// Reads `bytes` as a document, screening bad input first.
    /// - Parameter format: forces a format (e.g. `--format` for stdin); detected when nil.
    public func read(_ bytes: [UInt8], sourcePath: String, format: DocumentFormat? = nil) throws(ReadingError) -> Document {
        guard bytes.count <= maxFileSize else { throw .tooLarge(bytes: bytes.count, limit: maxFileSize) }
        guard !Self.isBlank(bytes) else { throw .empty }
        guard !Self.looksBinary(bytes) else { throw .binary }
        let format = format ?? Self.detectFormat(path: sourcePath, bytes: bytes)
        guard let reader = readers[format] else { throw .unreadable("no reader for \(format.rawValue)") }
        var document = try reader.read(bytes, sourcePath: sourcePath, contentHash: Self.contentHash(of: bytes))
        document.title = document.title.canonicallyComposed
        document.blocks = document.blocks.map { block in
            var block = block
            block.text = block.text.canonicallyComposed
            block.headingPath = block.headingPath.map(\.canonicallyComposed)
            return block
        }
        return document
    }

    /// Nothing but whitespace, after any byte-order mark (a file holding only a BOM is empty).
    static func isBlank(_ bytes: [UInt8]) -> Bool {
        if let mark = EncodingDetector.byteOrderMark(bytes), mark.name != "UTF-8" {
            let text = (try? Transcoder.decode(bytes, by: mark))?.text ?? "x"
            return text.allSatisfy(\.isWhitespace)
        }
        let start = EncodingDetector.byteOrderMark(bytes)?.skip ?? 0
        return !bytes[start...].contains { !(0x09...0x0D).contains($0) && $0 != 0x20 }
    }

    /// NUL bytes in the first 8 KiB that are not UTF-16 or UTF-32 text: not a text document.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        if let mark = EncodingDetector.byteOrderMark(bytes), mark.name.hasPrefix("UTF-16") || mark.name.hasPrefix("UTF-32") {
            return false
        }
        guard bytes.prefix(8192).contains(0) else { return false }
        return EncodingDetector.sniffWideUnicode(bytes) == nil
    }

    /// Reads a file, checking its size before loading it.
    public func read(fileAt url: URL, sourcePath: String) throws(ReadingError) -> Document {
        try read(try load(fileAt: url), sourcePath: sourcePath)
    }

    /// A file's bytes, refusing files over `maxFileSize` before loading them.
    public func load(fileAt url: URL) throws(ReadingError) -> [UInt8] {
        do {
            let size = (try FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path)[.size] as? NSNumber)?.intValue ?? 0
            guard size <= maxFileSize else { throw ReadingError.tooLarge(bytes: size, limit: maxFileSize) }
            return [UInt8](try Data(contentsOf: url))
        } catch let error as ReadingError {
            throw error
        } catch {
            throw .unreadable((error as NSError).localizedDescription)
        }
    }

    /// Lower-case hex SHA-256.
    public static func contentHash(of bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
