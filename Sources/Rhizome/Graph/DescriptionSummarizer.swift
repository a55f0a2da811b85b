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

    func isExceeded(by fragments: [String]) -> Bool {
        fragments.count > maxFragments || fragments.reduce(0) { $0 + tokenizer.count($1) } > maxTokens
    }
}

/// Offline: fragments are ranked by how much they share with the others (the most central facts first)
/// and the best are kept, in their original order, within the threshold.
public struct RankingSummarizer: DescriptionSummarizer {
    public let threshold: SummaryThreshold

    public init(threshold: SummaryThreshold) { self.threshold = threshold }

    public func describe(name: String, fragments: [String]) async throws -> String {
        guard threshold.isExceeded(by: fragments) else { return fragments.joined(separator: "\n") }
        let words = fragments.map { Set($0.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .filter { $0.count > 3 }) }
        let scores = words.indices.map { index in
            words.indices.reduce(0.0) { total, other in
                guard other != index, !words[index].isEmpty, !words[other].isEmpty else { return total }
                let shared = Double(words[index].intersection(words[other]).count)
                return total + shared / Double(words[index].union(words[other]).count)
            }
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

    public init(model: CachedLanguageModel, threshold: SummaryThreshold, language: String = "English",
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
            var groups: [[String]] = [[]]
            var tokens = 0
            for piece in pieces {
                let cost = threshold.tokenizer.count(piece)
                if tokens + cost > contextTokens, !groups[groups.count - 1].isEmpty {
                    groups.append([])
                    tokens = 0
                }
                groups[groups.count - 1].append(piece)
                tokens += cost
            }
            var summaries: [String] = []
            for group in groups { summaries.append(try await summarize(name: name, group)) }
            if summaries.count == 1 { return summaries[0] }
            if summaries.count >= pieces.count { return summaries.joined(separator: "\n") }   // cannot shrink further
            pieces = summaries
        }
    }

    private func summarize(name: String, _ fragments: [String]) async throws -> String {
        let slots = ["language": language, "max_words": "\(maxWords)", "name": name,
                     "fragments": fragments.map { "- " + $0 }.joined(separator: "\n")]
        let answer = try await model.complete(ChatRequest(messages: [
            ChatMessage(.system, fillTemplate(SummaryPrompt.system, slots)),
            ChatMessage(.user, fillTemplate(SummaryPrompt.user, slots)),
        ]), kind: "summary")
        let cleaned = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        return cleaned.isEmpty ? fragments.joined(separator: "\n") : cleaned
    }
}
