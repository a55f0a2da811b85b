import Foundation

/// Turns the assembled prompt into an answer, streamed as it is produced (a seam: any model, or none).
public protocol AnswerGenerator: Sendable {
    /// What produces the answers, for output ("openai:gpt-4o-mini", "extractive").
    var label: String { get }
    func answer(_ messages: [ChatMessage], query: String, keywords: QueryKeywords,
                context: QueryContext) -> AsyncThrowingStream<String, any Error>
}

/// The configured language model answers; the answer is cached like every call.
public struct ModelAnswerGenerator: AnswerGenerator {
    public let model: CachedLanguageModel

    public init(model: CachedLanguageModel) { self.model = model }

    public var label: String { model.descriptor.label }

    public func answer(_ messages: [ChatMessage], query: String, keywords: QueryKeywords,
                       context: QueryContext) -> AsyncThrowingStream<String, any Error> {
        model.stream(ChatRequest(messages: messages, temperature: 0), kind: "answer")
    }
}

/// Without a model: the context sentences that share the most with the question, each with its `[n]`,
/// under a line saying that the answer is extractive.
public struct ExtractiveAnswerGenerator: AnswerGenerator {
    public var sentenceCount: Int

    public init(sentenceCount: Int = 4) { self.sentenceCount = sentenceCount }

    public var label: String { "extractive" }

    public static let heading = "Extractive answer (no language model configured): the most relevant sentences of the sources."

    public func answer(_ messages: [ChatMessage], query: String, keywords: QueryKeywords,
                       context: QueryContext) -> AsyncThrowingStream<String, any Error> {
        let text = compose(query: query, keywords: keywords, context: context)
        return .producing { yield in yield(text) }
    }

    func compose(query: String, keywords: QueryKeywords, context: QueryContext) -> String {
        let picked = bestSentences(query: query, keywords: keywords, context: context)
        guard !picked.isEmpty else {
            return Self.heading + "\n\nThe documents do not seem to answer this: no source sentence matches the question."
        }
        return Self.heading + "\n\n" + picked.map { "- \($0.text) [\($0.reference)]" }.joined(separator: "\n")
    }

    /// Longest candidate kept whole (characters); a longer run is cut at clause boundaries, never dropped.
    static let longestPiece = 600

    /// `sentence`, or for a run-on line with no sentence end (note-style web text), its clauses grouped into
    /// pieces of at most `longestPiece` characters, cut after `, ; 、 ，` or a Korean sentence ending (`다. `).
    static func pieces(of sentence: String) -> [String] {
        guard sentence.count > longestPiece else { return [sentence] }
        var pieces: [String] = []
        var piece = ""
        var clause = ""
        let characters = Array(sentence)
        for (index, character) in characters.enumerated() {
            clause.append(character)
            let next = index + 1 < characters.count ? characters[index + 1] : " "
            let endsClause = next == " " && ".,;:、，；。".contains(character) || clause.count >= longestPiece
            guard endsClause || index == characters.count - 1 else { continue }
            if !piece.isEmpty, piece.count + clause.count > longestPiece {
                pieces.append(piece.trimmingCharacters(in: .whitespaces))
                piece = ""
            }
            piece += clause
            clause = ""
        }
        if !piece.trimmingCharacters(in: .whitespaces).isEmpty { pieces.append(piece.trimmingCharacters(in: .whitespaces)) }
        return pieces
    }

    /// Sentences scored by the question's terms they contain (names count double), best first; ties go
    /// to the better-ranked source and then to the earlier sentence.
    func bestSentences(query: String, keywords: QueryKeywords, context: QueryContext) -> [(text: String, reference: Int)] {
        let analyzer = UnicodeTextAnalyzer()
        let nameTerms = keywords.low.reduce(into: Set<String>()) { $0.formUnion(analyzer.matchKeys($1)) }
        let terms = keywords.high.reduce(into: analyzer.matchKeys(query)) { $0.formUnion(analyzer.matchKeys($1)) }
            .union(nameTerms)
        guard !terms.isEmpty else { return [] }
        var candidates: [(text: String, reference: Int, position: Int, words: Set<String>)] = []
        for item in context.chunks {
            let pieces = SentenceSplitter.sentences(in: item.chunk.text).flatMap { Self.pieces(of: $0) }
            for (position, sentence) in pieces.enumerated() {
                let words = analyzer.matchKeys(sentence)
                guard words.count >= 4, !words.isDisjoint(with: terms) else { continue }
                candidates.append((sentence.trimmingCharacters(in: .whitespaces), item.reference, position, words))
            }
        }
        // A term found in every candidate tells them apart less than a rare one (inverse frequency weight).
        var frequency: [String: Int] = [:]
        for candidate in candidates { for term in candidate.words.intersection(terms) { frequency[term, default: 0] += 1 } }
        let total = Double(candidates.count)
        let scored = candidates.map { candidate in
            let score = candidate.words.intersection(terms).reduce(0.0) { sum, term in
                sum + (nameTerms.contains(term) ? 2 : 1) * (1 + log(total / Double(frequency[term]!)))
            }
            return (text: candidate.text, reference: candidate.reference, position: candidate.position, score: score)
        }
        var seen: Set<String> = []
        return scored.sorted { a, b in
            a.score != b.score ? a.score > b.score : a.reference != b.reference ? a.reference < b.reference : a.position < b.position
        }.filter { seen.insert($0.text.lowercased()).inserted }.prefix(sentenceCount).map { ($0.text, $0.reference) }
    }
}
