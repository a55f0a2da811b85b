/// The formats Rhizome reads.
public enum DocumentFormat: String, Codable, Sendable, CaseIterable {
    case html, xml, text, markdown
}

/// What role a block of text plays in its document.
public enum BlockKind: String, Codable, Sendable {
    case heading, paragraph, list, table, code, quote, definitions, caption, metadata
}

/// A unit of document structure: a heading, a paragraph, a whole list or table, a code block.
public struct Block: Codable, Sendable, Equatable {
    public var kind: BlockKind
    /// The block's text: whitespace collapsed, except in code, where it is verbatim.
    public var text: String
    /// Titles of the sections that enclose the block, outermost first.
    public var headingPath: [String]

    public init(kind: BlockKind, text: String, headingPath: [String]) {
        self.kind = kind
        self.text = text
        self.headingPath = headingPath
    }
}

/// A source file read into structured text: the unit that is stored, chunked and later replaced or deleted.
public struct Document: Sendable, Equatable {
    /// The separator placed between blocks in `text`.
    public static let blockSeparator = "\n\n"

    public var sourcePath: String
    public var title: String
    public var format: DocumentFormat
    /// Lower-case hex SHA-256 of the file's bytes; an unchanged hash means an unchanged document.
    public var contentHash: String
    public var byteCount: Int
    public var blocks: [Block]
    /// What reading recovered from or left out, one line each (undeclared entities, broken markup,
    /// undecodable bytes…); empty for a clean file.
    public var warnings: [String]

    public init(sourcePath: String, title: String, format: DocumentFormat, contentHash: String,
                byteCount: Int, blocks: [Block], warnings: [String] = []) {
        self.sourcePath = sourcePath
        self.title = title
        self.format = format
        self.contentHash = contentHash
        self.byteCount = byteCount
        self.blocks = blocks
        self.warnings = warnings
    }

    /// The document text that chunks point into: the blocks' texts joined by `blockSeparator`.
    public var text: String { blocks.map(\.text).joined(separator: Self.blockSeparator) }
}
