import GRDB

/// The FTS5 tokenizer `rhizome`: SQLite indexes and parses queries with Rhizome's `UnicodeTextAnalyzer`,
/// so a word is the same at index and at query time. Registered on every connection the store opens (an
/// index using it can only be queried by a process that registers it; the tables stay readable anywhere).
/// Query text gets bigrams only for runs of two or more Hangul/Han/Kana characters, so a quoted run
/// matches as the phrase of its bigrams, that is, as a substring.
final class AnalyzerFTS5Tokenizer: FTS5CustomTokenizer {
    static let name = "rhizome"
    private let analyzer = UnicodeTextAnalyzer()
    /// `SQLITE_OK` and `FTS5_TOKEN_COLOCATED` from sqlite3.h.
    private static let ok: CInt = 0
    private static let colocated: CInt = 1

    init(db: Database, arguments: [String]) throws {}

    func tokenize(context: UnsafeMutableRawPointer?, tokenization: FTS5Tokenization, pText: UnsafePointer<CChar>?,
                  nText: CInt, tokenCallback: @escaping FTS5TokenCallback) -> CInt {
        guard let pText, nText > 0 else { return Self.ok }
        let isQuery = tokenization.contains(.query)
        let tokens = pText.withMemoryRebound(to: UInt8.self, capacity: Int(nText)) {
            analyzer.indexTokens(UnsafeBufferPointer(start: $0, count: Int(nText)))
        }
        for token in tokens {
            if isQuery && token.colocated { continue }
            let flags: CInt = token.colocated ? Self.colocated : 0
            var bytes = Array(token.text.utf8)
            let code = bytes.withUnsafeMutableBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) {
                    tokenCallback(context, flags, $0.baseAddress, CInt($0.count), CInt(token.start), CInt(token.end))
                }
            }
            if code != Self.ok { return code }
        }
        return Self.ok
    }
}
