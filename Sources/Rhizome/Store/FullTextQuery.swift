import GRDB

/// Builds the FTS5 `MATCH` expression for search text with the same analysis the index was built with:
/// words are tokens, a run of Hangul/Han/Kana is the phrase of its bigrams — split where the index holds
/// a bigram nowhere (a phrase through a missing bigram can match nothing) — and terms found in more than a
/// fifth of the rows (and over 50) are left out: they rank nothing and would make BM25 score every row.
struct FullTextQuery {
    let analyzer: UnicodeTextAnalyzer
    /// Rows in the index (about), and how many of them hold a token.
    let rows: Int
    let frequency: (String) throws -> Int?

    /// One piece of the expression, with how many rows its rarest token is in.
    private struct Part {
        var expression: String
        var rarest: Int
    }

    /// The expression joining the selective terms of `texts` with `joiner` (" OR ", " AND "); nil when
    /// nothing is left, or when `joiner` is AND and a term is in no row.
    func expression(for texts: [String], joiner: String) throws -> String? {
        var seen: Set<Term> = []
        let terms = texts.flatMap { analyzer.contentTerms($0) }.filter { seen.insert($0).inserted }.prefix(64)
        var parts: [Part] = []
        for term in terms {
            let found = try self.parts(of: term)
            if found.isEmpty, joiner == " AND " { return nil }
            parts += found
        }
        let selective = parts.filter { $0.rarest <= max(50, rows / 5) }
        return selective.isEmpty ? nil : selective.map(\.expression).joined(separator: joiner)
    }

    private func parts(of term: Term) throws -> [Part] {
        switch term.kind {
        case .word:
            return try frequency(term.text).map { [Part(expression: Self.quoted(term.text), rarest: $0)] } ?? []
        case .cjk:
            return try phrases(of: Array(term.text))
        }
    }

    /// The run as phrases of consecutive characters whose bigrams are all indexed somewhere.
    private func phrases(of characters: [Character]) throws -> [Part] {
        if characters.count == 1 {
            return try frequency(String(characters[0])).map { [Part(expression: Self.quoted(String(characters[0])), rarest: $0)] } ?? []
        }
        var parts: [Part] = []
        var start: Int?
        var rarest = Int.max
        func close(at end: Int) {
            if let first = start { parts.append(Part(expression: Self.quoted(String(characters[first...end])), rarest: rarest)) }
            start = nil
            rarest = .max
        }
        for index in 0..<(characters.count - 1) {
            if let count = try frequency(String(characters[index...index + 1])) {
                if start == nil { start = index }
                rarest = min(rarest, count)
            } else {
                close(at: index)
            }
        }
        close(at: characters.count - 1)
        return parts
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
