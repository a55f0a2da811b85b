/// Why a file could not be read into a document; each case carries what the user needs to act.
public enum ReadingError: Error, Equatable, CustomStringConvertible {
    case empty
    case tooLarge(bytes: Int, limit: Int)
    case binary
    case undecodable(String)
    case malformed(String)
    case unsafe(String)
    case noText
    case unreadable(String)

    /// One line, no trailing period, for summaries and the store's error column.
    public var description: String {
        switch self {
        case .empty: "empty file"
        case .tooLarge(let bytes, let limit): "file is \(bytes) bytes, over the \(limit)-byte limit (--max-file-size)"
        case .binary: "binary file (NUL bytes), not a text document"
        case .undecodable(let why): "cannot decode text: \(why)"
        case .malformed(let why): "malformed markup: \(why)"
        case .unsafe(let why): "refused unsafe XML: \(why)"
        case .noText: "no readable text after dropping scripts and boilerplate"
        case .unreadable(let why): "cannot read file: \(why)"
        }
    }
}
