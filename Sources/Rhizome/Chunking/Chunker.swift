import Crypto
import Foundation

/// Cuts a document into token windows that respect its structure: whole blocks are packed up to the size,
/// an oversize block is split at sentence boundaries, and only then between words or tokens. Consecutive
/// chunks overlap by at most `overlapTokens`, starting the overlap at a sentence where one is near.
public struct Chunker: Sendable {
    public let tokenizer: any Tokenizer
    public let options: ChunkingOptions

    public init(tokenizer: any Tokenizer, options: ChunkingOptions = .default) throws(ChunkingError) {
        self.tokenizer = tokenizer
        self.options = try options.validated()
    }

    /// The chunks of `document`, in order; empty only for a document without text.
    public func chunks(of document: Document, documentID: String) -> [Chunk] {
        let text = document.text
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return [] }
        let layout = ChunkLayout(document: document, bytes: bytes, encoded: tokenizer.encode(text))
        var chunks: [Chunk] = []
        var seenTexts: [String: Int] = [:]
        var offsets = ScalarOffsetCursor(bytes: bytes)
        var start = 0
        var ownStart = 0
        while start < layout.tokenCount {
            guard var cut = layout.bestCut(from: start, maxTokens: options.maxTokens) else { break }
            var window = layout.trimmedByteRange(fromToken: start, toToken: cut)
            var count = window.isEmpty ? 0 : tokenizer.count(String(decoding: bytes[window], as: UTF8.self))
            while count > options.maxTokens, let earlier = layout.previousCut(before: cut, after: start) {
                cut = earlier
                window = layout.trimmedByteRange(fromToken: start, toToken: cut)
                count = tokenizer.count(String(decoding: bytes[window], as: UTF8.self))
            }
            if !window.isEmpty {
                let chunkText = String(decoding: bytes[window], as: UTF8.self)
                let occurrence = seenTexts[chunkText, default: 0]
                seenTexts[chunkText] = occurrence + 1
                chunks.append(Chunk(
                    id: Self.chunkID(documentID: documentID, occurrence: occurrence, text: chunkText),
                    documentID: documentID, order: chunks.count, text: chunkText, tokenCount: count,
                    headingPath: layout.headingPath(atByte: max(window.lowerBound, layout.byteOffset(ofToken: ownStart))),
                    startOffset: offsets.scalarOffset(ofByte: window.lowerBound),
                    endOffset: offsets.scalarOffset(ofByte: window.upperBound)))
            }
            guard cut < layout.tokenCount else { break }
            ownStart = cut
            start = layout.overlapStart(before: cut, after: start, previousTextStart: window.lowerBound,
                                        overlapTokens: options.overlapTokens)
        }
        return chunks
    }

    /// Hex SHA-256 (first 32 digits) of document id, occurrence and text.
    public static func chunkID(documentID: String, occurrence: Int, text: String) -> String {
        let digest = SHA256.hash(data: Data("\(documentID)\u{0}\(occurrence)\u{0}\(text)".utf8))
        return "chunk-" + digest.prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}

/// Converts UTF-8 byte offsets to Unicode scalar offsets, cheaply for nearby successive queries.
struct ScalarOffsetCursor {
    let bytes: [UInt8]
    private var byte = 0
    private var scalars = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func scalarOffset(ofByte target: Int) -> Int {
        while byte < target { if bytes[byte] & 0xC0 != 0x80 { scalars += 1 }; byte += 1 }
        while byte > target { byte -= 1; if bytes[byte] & 0xC0 != 0x80 { scalars -= 1 } }
        return scalars
    }
}
