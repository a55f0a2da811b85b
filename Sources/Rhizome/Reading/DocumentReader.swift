/// Turns a file's bytes into a `Document`; one implementation per format.
///
/// Contract: a reader never touches the network or the file system, returns at least one block or
/// throws `ReadingError`, and produces the same document for the same bytes.
public protocol DocumentReader: Sendable {
    /// The format this reader handles.
    var format: DocumentFormat { get }
    /// Reads `bytes` (already checked to be non-empty and within the size limit).
    /// - Parameters:
    ///   - sourcePath: recorded on the document and used as a fallback title.
    ///   - contentHash: the SHA-256 of `bytes`, computed once by the caller.
    func read(_ bytes: [UInt8], sourcePath: String, contentHash: String) throws(ReadingError) -> Document
}

extension DocumentReader {
    /// The file's name without its extension: the title of last resort.
    static func fallbackTitle(for sourcePath: String) -> String {
        let name = sourcePath.split(separator: "/").last.map(String.init) ?? sourcePath
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
