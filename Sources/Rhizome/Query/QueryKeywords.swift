import Foundation
import Logging

/// The two levels of keywords retrieval works from: high-level themes and intent (matched against
/// relations) and low-level concrete names and terms (matched against entities).
public struct QueryKeywords: Sendable, Codable, Equatable {
    public var high: [String]
    public var low: [String]
    /// Where they came from: `model`, `offline`, `override`, or `query` (the query itself as a fallback).
    public var source: String

    public init(high: [String], low: [String], source: String) {
        self.high = high
        self.low = low
        self.source = source
    }
}

/// Finds the keywords of a question; `history` (earlier turns) helps resolve "it" and "they".
public protocol KeywordExtractor: Sendable {
    func keywords(for query: String, history: [ChatMessage]) async throws -> QueryKeywords
}

/// Reads `{"high_level_keywords": [...], "low_level_keywords": [...]}` out of a model answer, tolerating
/// code fences, prose around the object, single quotes and trailing commas.
public enum KeywordAnswerParser {
    public static func parse(_ answer: String) -> (high: [String], low: [String])? {
        guard let open = answer.firstIndex(of: "{"), let close = answer.lastIndex(of: "}"), open < close else { return nil }
        var text = String(answer[open...close])
        text = text.replacingOccurrences(of: #",\s*([\]}])"#, with: "$1", options: .regularExpression)
        let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            ?? (try? JSONSerialization.jsonObject(with: Data(text.replacingOccurrences(of: "'", with: "\"").utf8)) as? [String: Any])
        guard let object else { return nil }
        func list(_ names: [String]) -> [String] {
            for name in names {
                if let values = object[name] as? [Any] {
                    return clean(values.compactMap { $0 as? String })
                }
                if let value = object[name] as? String { return clean(value.split(separator: ",").map(String.init)) }
            }
            return []
        }
        let high = list(["high_level_keywords", "high_level", "high"])
        let low = list(["low_level_keywords", "low_level", "low"])
        return high.isEmpty && low.isEmpty ? nil : (high, low)
    }

    /// Trimmed, non-empty, first occurrence kept (ignoring case).
    public static func clean(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty && seen.insert($0.lowercased()).inserted }
    }
}

/// Keywords from the language model (cached like every call).
public struct ModelKeywordExtractor: KeywordExtractor {
    public let model: CachedLanguageModel
    /// Used when the model's answer cannot be read.
    public let fallback: any KeywordExtractor

    public init(model: CachedLanguageModel, fallback: any KeywordExtractor) {
        self.model = model
        self.fallback = fallback
    }

    public func keywords(for query: String, history: [ChatMessage]) async throws -> QueryKeywords {
        let conversation = history.suffix(6).map { "\($0.role.rawValue): \($0.content)" }.joined(separator: "\n")
        let slots = ["query": query, "history": conversation.isEmpty ? "(none)" : conversation]
        let answer: String
        do {
            answer = try await model.complete(ChatRequest(messages: [
                ChatMessage(.system, fillTemplate(KeywordPrompt.system, slots)),
                ChatMessage(.user, fillTemplate(KeywordPrompt.user, slots)),
            ], temperature: 0, jsonMode: true), kind: "keywords")
        } catch let error as ProviderError {
            // The context stays available (--context-only) when the model is down; the answer will report it.
            Logger(label: "rhizome.query").warning("keyword extraction fell back to offline keywords: \(error)")
            return try await fallback.keywords(for: query, history: history)
        }
        guard let parsed = KeywordAnswerParser.parse(answer) else {
            return try await fallback.keywords(for: query, history: history)
        }
        return QueryKeywords(high: parsed.high, low: parsed.low, source: "model")
    }
}
