/// For a model answer that cites nothing (small models often drop the `[n]` markers they were asked for):
/// the context chunks it draws on, found by the terms they share with it, so the reader can still check
/// every claim. The note says that Rhizome matched them, not the model.
enum SourceAttribution {
    /// Shared terms a chunk needs before it counts as a source of the answer.
    static let minimumSharedTerms = 3

    /// References of the chunks sharing the most terms with `answer` (at least half the best chunk's
    /// overlap), at most three, in reference order; empty when none shares enough.
    static func sources(of answer: String, in context: QueryContext, analyzer: UnicodeTextAnalyzer = UnicodeTextAnalyzer()) -> [Int] {
        let answerTerms = analyzer.matchKeys(answer)
        let scored = context.chunks.map { ($0.reference, analyzer.matchKeys($0.chunk.text).intersection(answerTerms).count) }
        let best = scored.map(\.1).max() ?? 0
        guard best >= minimumSharedTerms else { return [] }
        return Array(scored.filter { $0.1 * 2 >= best && $0.1 >= minimumSharedTerms }.map(\.0).sorted().prefix(3))
    }

    /// The line appended to an answer that cites nothing; nil when no chunk shares enough with it.
    static func note(for answer: String, in context: QueryContext) -> String? {
        guard Citations.numbers(in: answer).isEmpty else { return nil }
        let sources = sources(of: answer, in: context)
        guard !sources.isEmpty else { return nil }
        return "\n\n(The model cited no source; by the words they share, this answer draws on "
            + sources.map { "[\($0)]" }.joined(separator: " ") + ".)"
    }
}
