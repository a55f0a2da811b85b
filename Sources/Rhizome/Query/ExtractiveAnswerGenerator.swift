import Foundation

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

    /// Passages — a sentence-sized piece and the rest of its line up to `passageLength` — scored by the
    /// question's terms they contain (names count double, rare terms more than common ones), best first. A piece after a question or a short label line takes part of its score (FAQ and
    /// note-style text put the answer right after the line that matches the question), a question picked
    /// brings the piece that answers it, and a better-ranked source weighs more.
    func bestSentences(query: String, keywords: QueryKeywords, context: QueryContext) -> [(text: String, reference: Int)] {
        let analyzer = UnicodeTextAnalyzer()
        let nameTerms = keywords.low.reduce(into: Set<String>()) { $0.formUnion(analyzer.matchKeys($1)) }
        let terms = keywords.high.reduce(into: analyzer.matchKeys(query)) { $0.formUnion(analyzer.matchKeys($1)) }
            .union(nameTerms)
        guard !terms.isEmpty else { return [] }
        let sources = context.chunks.map { item in
            AnswerSource(reference: item.reference, pieces: Self.answerPieces(of: item.chunk.text, analyzer: analyzer))
        }
        let weight = TermWeights(terms: terms, names: nameTerms, pieces: sources.flatMap(\.pieces))
        var scored: [(text: String, reference: Int, rank: Int, position: Int, score: Double)] = []
        for (rank, source) in sources.enumerated() {
            let own = source.pieces.map { weight.score($0.words) }
            for (position, piece) in source.pieces.enumerated() where piece.words.count >= 4 {
                let carried = position > 0 && source.pieces[position - 1].introduces ? Self.carried * own[position - 1] : 0
                let passage = Self.passage(at: position, in: source.pieces)
                let windowScore = weight.score(source.pieces[passage.pieces].reduce(into: Set<String>()) { $0.formUnion($1.words) })
                let ownScore = own[position] + Self.windowShare * (windowScore - own[position])
                let score = (ownScore + carried) * Self.rankWeight(rank)
                guard score > 0 else { continue }
                scored.append((passage.text, source.reference, rank, position, score))
            }
        }
        var seen: Set<String> = []
        return scored.sorted { a, b in
            a.score != b.score ? a.score > b.score : a.rank != b.rank ? a.rank < b.rank : a.position < b.position
        }.filter { seen.insert($0.text.lowercased()).inserted }.prefix(sentenceCount).map { ($0.text, $0.reference) }
    }

    /// The chunk's candidate pieces, each knowing the line (paragraph, list item, cell) it came from.
    static func answerPieces(of text: String, analyzer: UnicodeTextAnalyzer) -> [AnswerPiece] {
        text.split(whereSeparator: \.isNewline).enumerated().flatMap { line, lineText in
            SentenceSplitter.sentences(in: String(lineText)).flatMap { pieces(of: $0) }.map { piece in
                AnswerPiece(text: piece.trimmingCharacters(in: .whitespaces), words: analyzer.matchKeys(piece), line: line)
            }
        }
    }

    /// Characters of a passage: the picked piece and the pieces after it on its line, while they fit.
    static let passageLength = 450

    /// The piece at `position` with the rest of its line up to `passageLength` (the answer often follows the
    /// sentence that matches the question); a question brings the piece that answers it.
    static func passage(at position: Int, in pieces: [AnswerPiece]) -> (text: String, pieces: Range<Int>) {
        var text = pieces[position].text
        var next = position + 1
        if pieces[position].isQuestion, next < pieces.count {
            text += " " + pieces[next].text
            next += 1
        }
        while next < pieces.count, pieces[next].line == pieces[position].line,
              text.count + pieces[next].text.count < passageLength {
            text += " " + pieces[next].text
            next += 1
        }
        return (text, position..<next)
    }

    /// Share of the rest of a passage's score (beyond its first piece's) that the passage takes: the piece
    /// that matches the question leads, the passage around it breaks ties.
    static let windowShare = 0.5

    /// Share of a question's or label's score the piece after it takes.
    static let carried = 0.6

    /// The n-th source (from 0) weighs 1 / (1 + n/5): retrieval's order breaks near-ties between sources.
    static func rankWeight(_ rank: Int) -> Double { 1 / (1 + Double(rank) / 5) }
}

/// One source's candidate pieces in order.
struct AnswerSource {
    var reference: Int
    var pieces: [AnswerPiece]
}

/// A candidate piece and its match keys.
struct AnswerPiece {
    var text: String
    var words: Set<String>
    /// Which line of the chunk the piece is on.
    var line: Int

    var isQuestion: Bool { text.hasSuffix("?") || text.hasSuffix("？") }
    /// A question, or a short line without a sentence end (a heading or a `label:`): what follows it answers it.
    var introduces: Bool {
        isQuestion || text.count <= 80 && !(text.last.map { ".。!！".contains($0) } ?? false)
    }
}

/// Inverse-frequency weights of the question's terms over the candidate pieces; names count double.
struct TermWeights {
    let terms: Set<String>
    let names: Set<String>
    private var weights: [String: Double] = [:]

    init(terms: Set<String>, names: Set<String>, pieces: [AnswerPiece]) {
        self.terms = terms
        self.names = names
        var frequency: [String: Int] = [:]
        for piece in pieces { for term in piece.words.intersection(terms) { frequency[term, default: 0] += 1 } }
        let total = Double(max(1, pieces.count))
        for (term, count) in frequency {
            weights[term] = (names.contains(term) ? 2 : 1) * (1 + log(total / Double(count)))
        }
    }

    func score(_ words: Set<String>) -> Double {
        words.intersection(terms).reduce(0) { $0 + (weights[$1] ?? 0) }
    }
}
