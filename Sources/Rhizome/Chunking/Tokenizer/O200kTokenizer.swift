internal import CEmbeddedData
import Foundation

/// The exact o200k_base byte-pair encoding (GPT-4o's tokenizer, which LightRAG uses for token accounting),
/// built from the vocabulary compiled into the binary.
public struct O200kTokenizer: Tokenizer {
    public let name = "o200k_base"
    private let merger: BytePairMerger

    /// Loads the embedded vocabulary (about 200k tokens; tens of milliseconds).
    public init() throws(TokenizerError) {
        let bytes = UnsafeBufferPointer(
            start: rhizome_o200k_vocabulary_bytes(), count: rhizome_o200k_vocabulary_length())
        try self.init(vocabularyFile: bytes)
    }

    /// Builds a tokenizer from a `.tiktoken` file's bytes: one `base64(token) rank` line per token.
    public init(vocabularyFile bytes: UnsafeBufferPointer<UInt8>) throws(TokenizerError) {
        let tokens = try Self.parseVocabulary(bytes)
        merger = BytePairMerger(ranks: try BytePairRanks(tokensByRank: tokens))
    }

    /// The embedded vocabulary file, for checking it against its published SHA-256.
    public static var embeddedVocabulary: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: rhizome_o200k_vocabulary_bytes(), count: rhizome_o200k_vocabulary_length())
    }

    public func encode(_ text: String) -> EncodedText {
        var text = text
        return text.withUTF8 { bytes in
            var tokens: [Int] = []
            var ends: [Int] = []
            tokens.reserveCapacity(bytes.count / 4)
            ends.reserveCapacity(bytes.count / 4)
            O200kPreTokenizer.forEachPiece(in: bytes) { range in
                merger.encode(UnsafeBufferPointer(rebasing: bytes[range]), base: range.lowerBound,
                              tokens: &tokens, ends: &ends)
            }
            return EncodedText(tokens: tokens, utf8Ends: ends)
        }
    }

    public func decode(_ tokens: [Int]) -> String {
        var bytes: [UInt8] = []
        for token in tokens {
            if let tokenBytes = merger.ranks.bytes(ofRank: token) { bytes.append(contentsOf: tokenBytes) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func parseVocabulary(_ bytes: UnsafeBufferPointer<UInt8>) throws(TokenizerError) -> [[UInt8]] {
        var tokens: [[UInt8]] = []
        tokens.reserveCapacity(200_000)
        var lineStart = 0
        var lineNumber = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            lineNumber += 1
            if lineEnd > lineStart {
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                guard let space = line.firstIndex(of: 0x20),
                      let token = Data(base64Encoded: Data(UnsafeBufferPointer(rebasing: line[..<space]))),
                      let rank = Int(String(decoding: UnsafeBufferPointer(rebasing: line[(space + 1)...]),
                                            as: UTF8.self))
                else { throw .invalidVocabulary("line \(lineNumber) is not `base64 rank`") }
                guard rank == tokens.count else {
                    throw .invalidVocabulary("line \(lineNumber) has rank \(rank), expected \(tokens.count)")
                }
                tokens.append([UInt8](token))
            }
            lineStart = lineEnd + 1
        }
        return tokens
    }
}
