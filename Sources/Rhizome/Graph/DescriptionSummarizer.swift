import Crypto
import Foundation

/// Condenses the description fragments of one entity or relation when there are too many of them.
public protocol DescriptionSummarizer: Sendable {
    /// The description for `fragments` (already deduplicated, in provenance order).
    func describe(name: String, fragments: [String]) async throws -> String
}

/// When fragments are "too many": more than `maxFragments` of them or more than `maxTokens` in total.
public struct SummaryThreshold: Sendable {
    public var maxFragments = 8
    public var maxTokens = 1200
    public let tokenizer: any Tokenizer

    public init(tokenizer: any Tokenizer, maxFragments: Int = 8, maxTokens: Int = 1200) {
        self.tokenizer = tokenizer
        self.maxFragments = maxFragments
        self.maxTokens = maxTokens
    }

    /// A token is at least one byte, so fragments within `maxTokens` bytes are never tokenized.
    func isExceeded(by fragments: [String]) -> Bool {
        if fragments.count > maxFragments { return true }
        if fragments.reduce(0, { $0 + $1.utf8.count }) <= maxTokens { return false }
        var tokens = 0
        for fragment in fragments {
            tokens += tokenizer.count(fragment)
            if tokens > maxTokens { return true }
        }
        return false
    }
}

/// Offline: fragments are ranked by how much they share with the others (the most central facts first)
/// and the best are kept, in their original order, within the threshold. A fragment's centrality is the mean,
/// over its distinct words, of how many other fragments use the word. Only the first `candidateLimit`
/// fragments (provenance order) are ranked, so an entity mentioned thousands of times stays cheap to rebuild.
public struct RankingSummarizer: DescriptionSummarizer {
    public let threshold: SummaryThreshold
    public let candidateLimit: Int

    public init(threshold: SummaryThreshold, candidateLimit: Int = 64) {
        self.threshold = threshold
        self.candidateLimit = candidateLimit
    }

    public func describe(name: String, fragments: [String]) async throws -> String {
        guard threshold.isExceeded(by: fragments) else { return fragments.joined(separator: "\n") }
        let fragments = Array(fragments.prefix(candidateLimit))
        let words: [Set<String>] = fragments.map(Self.contentWords)
        var usage: [String: Int] = [:]
        for set in words { for word in set { usage[word, default: 0] += 1 } }
        let scores: [Double] = words.map { set in
            let shared = set.reduce(0) { total, word in total + usage[word, default: 1] - 1 }
            return set.isEmpty ? 0 : Double(shared) / Double(set.count)
        }
        let ranked = fragments.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        var kept: [Int] = []
        var tokens = 0
        for index in ranked where kept.count < threshold.maxFragments {
            let cost = threshold.tokenizer.count(fragments[index])
            if tokens + cost > threshold.maxTokens && !kept.isEmpty { continue }
            kept.append(index)
            tokens += cost
        }
        return kept.sorted().map { fragments[$0] }.joined(separator: "\n")
    }

    /// Lower-cased words of more than three letters or digits (scalar-level, fast on ASCII).
    static func contentWords(_ text: String) -> Set<String> {
        var words: Set<String> = []
        var current = String.UnicodeScalarView()
        func flush() {
            if current.count > 3 { words.insert(String(current).lowercased()) }
            current.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            let isWordScalar = scalar.isASCII
                ? (scalar.value >= 0x30 && scalar.value <= 0x39) || (scalar.value | 0x20 >= 0x61 && scalar.value | 0x20 <= 0x7A)
                : scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            if isWordScalar { current.append(scalar) } else { flush() }
        }
        flush()
        return words
    }
}

/// With a model: fragments beyond the threshold are summarised by it; when they exceed what fits in one
/// request they are summarised in groups first, then the group summaries together (map-reduce).
public struct ModelSummarizer: DescriptionSummarizer {
    public let model: CachedLanguageModel
    public let threshold: SummaryThreshold
    public let language: String
    /// Fragment tokens sent in one request.
    public let contextTokens: Int
    public let maxWords: Int

    public init(model: CachedLanguageModel, threshold: SummaryThreshold, language: String = LanguageGuess.automatic,
                contextTokens: Int = 12_000, maxWords: Int = 200) {
        self.model = model
        self.threshold = threshold
        self.language = language
        self.contextTokens = contextTokens
        self.maxWords = maxWords
    }

    public func describe(name: String, fragments: [String]) async throws -> String {
        guard threshold.isExceeded(by: fragments) else { return fragments.joined(separator: "\n") }
        var pieces = fragments
        while true {
            let groups = Self.groups(of: pieces, tokenizer: threshold.tokenizer, contextTokens: contextTokens)
            var summaries: [String] = []
            for group in groups { summaries.append(try await summarize(name: name, group)) }
            if summaries.count == 1 { return summaries[0] }
            if summaries.count >= pieces.count { return summaries.joined(separator: "\n") }   // cannot shrink further
            pieces = summaries
        }
    }

    /// Splits fragments into request-sized groups at content-defined boundaries (after a fragment whose hash
    /// ends a group, or when the next would overflow the request), so a new fragment changes only its own
    /// group and every other group's summary comes from the cache.
    static func groups(of pieces: [String], tokenizer: any Tokenizer, contextTokens: Int) -> [[String]] {
        let costs = pieces.map { tokenizer.count($0) }
        if costs.reduce(0, +) <= contextTokens { return [pieces] }
        var groups: [[String]] = [[]]
        var tokens = 0
        for (piece, cost) in zip(pieces, costs) {
            if tokens + cost > contextTokens, !groups[groups.count - 1].isEmpty {
                groups.append([])
                tokens = 0
            }
            groups[groups.count - 1].append(piece)
            tokens += cost
            if Array(SHA256.hash(data: Data(piece.utf8)))[0] % 8 == 0 {
                groups.append([])
                tokens = 0
            }
        }
        return groups.filter { !$0.isEmpty }
    }

    private func summarize(name: String, _ fragments: [String]) async throws -> String {
        let slots = ["language": LanguageGuess.resolve(language, for: fragments.joined(separator: " ")),
                     "max_words": "\(maxWords)", "name": name,
                     "fragments": fragments.map { "- " + $0 }.joined(separator: "\n")]
        let answer = try await model.complete(ChatRequest(messages: [
            ChatMessage(.system, fillTemplate(SummaryPrompt.system, slots)),
            ChatMessage(.user, fillTemplate(SummaryPrompt.user, slots)),
        ]), kind: "summary")
        let cleaned = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        return cleaned.isEmpty ? fragments.joined(separator: "\n") : cleaned
    }
}
