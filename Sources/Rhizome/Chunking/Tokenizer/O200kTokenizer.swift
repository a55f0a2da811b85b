internal import CEmbeddedData
import Foundation

/// The exact o200k_base byte-pair encoding (GPT-4o's tokenizer, which LightRAG uses for token accounting),
/// built from the vocabulary compiled into the binary.
public struct O200kTokenizer: Tokenizer {
    /// The encoding's name, as stores record it.
    public static let encodingName = "o200k_base"
    public let name = O200kTokenizer.encodingName
    private let merger: BytePairMerger

    /// Loads the embedded vocabulary (about 200k tokens; tens of milliseconds).
    public init() throws(TokenizerError) {
        let bytes = UnsafeBufferPointer(
            start: rhizome_o200k_vocabulary_bytes(), count: rhizome_o200k_vocabulary_length())
        try self.init(vocabularyFile: bytes)
    }

    /// Builds a tokenizer from a `.tiktoken` file's bytes: one `base64(token) rank` line per token.
    public init(vocabularyFile bytes: UnsafeBufferPointer<UInt8>) throws(TokenizerError) {
        let (arena, starts) = try Self.parseVocabulary(bytes)
        merger = BytePairMerger(ranks: try BytePairRanks(arena: arena, starts: starts))
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

    /// The tokens' bytes end to end, and where each starts, decoding base64 in place (no per-line objects:
    /// this runs at the start of every command).
    private static func parseVocabulary(_ bytes: UnsafeBufferPointer<UInt8>) throws(TokenizerError) -> ([UInt8], [Int32]) {
        var arena: [UInt8] = []
        arena.reserveCapacity(bytes.count)
        var starts: [Int32] = [0]
        starts.reserveCapacity(200_001)
        var lineStart = 0
        var lineNumber = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            lineNumber += 1
            if lineEnd > lineStart {
                var space = lineStart
                while space < lineEnd, bytes[space] != 0x20 { space += 1 }
                var rank = 0
                var digits = 0
                for index in (space + 1)..<max(space + 1, lineEnd) {
                    let digit = Int(bytes[index]) - 0x30
                    guard (0...9).contains(digit) else { digits = 0; break }
                    rank = rank * 10 + digit
                    digits += 1
                }
                guard space < lineEnd, digits > 0,
                      Base64.decode(UnsafeBufferPointer(rebasing: bytes[lineStart..<space]), appendingTo: &arena)
                else { throw .invalidVocabulary("line \(lineNumber) is not `base64 rank`") }
                guard rank == starts.count - 1 else {
                    throw .invalidVocabulary("line \(lineNumber) has rank \(rank), expected \(starts.count - 1)")
                }
                starts.append(Int32(arena.count))
            }
            lineStart = lineEnd + 1
        }
        return (arena, starts)
    }
}

/// Standard base64 (with `=` padding), decoded straight into a byte array.
enum Base64 {
    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (index, character) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(character)] = Int8(index)
        }
        return table
    }()

    /// Appends the decoded bytes of `text` to `output`; false (and nothing appended) when it is not base64.
    static func decode(_ text: UnsafeBufferPointer<UInt8>, appendingTo output: inout [UInt8]) -> Bool {
        var end = text.count
        while end > 0, text[end - 1] == UInt8(ascii: "=") { end -= 1 }
        guard text.count % 4 == 0, text.count - end <= 2 else { return false }
        let mark = output.count
        var buffer: UInt32 = 0
        var bits = 0
        for index in 0..<end {
            let value = values[Int(text[index])]
            guard value >= 0 else { output.removeSubrange(mark...); return false }
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return true
    }
}
