import Foundation

/// Entity identity beyond exact strings: "Apple Inc.", "apple inc" and "APPLE INC." share one key.
public enum EntityKey {
    /// Case-folded, NFKC, punctuation turned to spaces (keeping `+ # &` that change meaning, as in C++),
    /// whitespace collapsed, a leading "the" dropped.
    public static func of(_ name: String) -> String {
        let folded = name.precomposedStringWithCompatibilityMapping.lowercased()
        var words: [String] = []
        var current = ""
        for scalar in folded.unicodeScalars {
            let keep = CharacterSet.alphanumerics.contains(scalar) || scalar == "+" || scalar == "#" || scalar == "&"
            if keep {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        if words.count > 1, words[0] == "the" { words.removeFirst() }
        let key = words.joined(separator: " ")
        return key.isEmpty ? folded.trimmingCharacters(in: .whitespacesAndNewlines) : key
    }

    /// The unordered pair of two names' keys, smaller first.
    public static func pair(_ a: String, _ b: String) -> RelationKey {
        RelationKey(of(a), of(b))
    }
}

/// An undirected relation's identity: the two entity keys, smaller first.
public struct RelationKey: Sendable, Hashable, Comparable, Codable {
    public let source: String
    public let target: String

    public init(_ a: String, _ b: String) {
        (source, target) = a <= b ? (a, b) : (b, a)
    }

    public static func < (lhs: RelationKey, rhs: RelationKey) -> Bool {
        (lhs.source, lhs.target) < (rhs.source, rhs.target)
    }
}

/// Cleans a name or type as the model wrote it: trims, removes outer quotes and brackets, collapses
/// whitespace and composes Unicode (NFC).
public enum NameCleaner {
    static let quotes: Set<Character> = ["\"", "'", "`", "“", "”", "‘", "’", "«", "»", "*", "[", "]", "(", ")", "<", ">"]

    public static func clean(_ raw: String) -> String {
        var text = raw.precomposedStringWithCanonicalMapping.collapsingWhitespace
        while let first = text.first, let last = text.last, text.count >= 2, quotes.contains(first), quotes.contains(last) {
            text = String(text.dropFirst().dropLast()).collapsingWhitespace
        }
        while let first = text.first, quotes.contains(first), !text.dropFirst().contains(where: quotes.contains) {
            text = String(text.dropFirst()).collapsingWhitespace
        }
        while let last = text.last, quotes.contains(last), !text.dropLast().contains(where: quotes.contains) {
            text = String(text.dropLast()).collapsingWhitespace
        }
        return text
    }

    /// An entity type: cleaned, lower-case, spaces as underscores.
    public static func type(_ raw: String) -> String {
        let cleaned = clean(raw).lowercased().split(whereSeparator: { $0 == " " || $0 == "-" }).joined(separator: "_")
        return cleaned.isEmpty ? "unknown" : cleaned
    }
}
