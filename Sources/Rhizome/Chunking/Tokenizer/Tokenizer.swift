/// Text split into model tokens, with where each token ends in the text's UTF-8 bytes.
public struct EncodedText: Sendable, Equatable {
    /// Token ids in order.
    public var tokens: [Int]
    /// For each token, the UTF-8 byte offset just past it; the last equals the text's UTF-8 length.
    public var utf8Ends: [Int]

    public init(tokens: [Int], utf8Ends: [Int]) {
        self.tokens = tokens
        self.utf8Ends = utf8Ends
    }
}

/// Turns text into model tokens; all token accounting (chunk sizes, prompt budgets) goes through one.
///
/// Contract: `encode` is deterministic, `decode(encode(t).tokens) == t` for any string `t`,
/// and `count(t) == encode(t).tokens.count`.
public protocol Tokenizer: Sendable {
    /// The vocabulary's name as recorded in a store's settings, e.g. `o200k_base`.
    var name: String { get }
    /// Encodes text as ordinary text (special-token markers are not treated specially).
    func encode(_ text: String) -> EncodedText
    /// Number of tokens `text` encodes to.
    func count(_ text: String) -> Int
    /// The text of a token sequence; bytes that do not form valid UTF-8 are replaced.
    func decode(_ tokens: [Int]) -> String
}

extension Tokenizer {
    public func count(_ text: String) -> Int { encode(text).tokens.count }
}
