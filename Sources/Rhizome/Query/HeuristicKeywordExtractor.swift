import Foundation

/// Keywords without a model. Low level: names and aliases of the store's entities found in the question,
/// then capitalised spans and quoted phrases. High level: the question's content words and the phrases
/// they form. When the question leans on the conversation ("when was it released?"), names from the
/// previous user turn are carried over.
public struct HeuristicKeywordExtractor: KeywordExtractor {
    public let store: any QueryStore
    let analyzer = UnicodeTextAnalyzer()

    public init(store: any QueryStore) { self.store = store }

    public func keywords(for query: String, history: [ChatMessage]) async throws -> QueryKeywords {
        var low = try await storeNames(in: query)
        for mention in MentionFinder.mentions(in: query) where mention.type != "event" || low.isEmpty {
            low.append(mention.name)
        }
        low.append(contentsOf: Self.quotedPhrases(in: query))
        let words = contentTerms(query)
        if Self.leansOnContext(query), let previous = history.last(where: { $0.role == .user }) {
            low.append(contentsOf: try await storeNames(in: previous.content))
            low.append(contentsOf: MentionFinder.mentions(in: previous.content).map(\.name))
        }
        low = KeywordAnswerParser.clean(low)
        let covered = Set(low.flatMap { contentTerms($0) })
        let high = KeywordAnswerParser.clean(Self.phrases(words) + words.filter { !covered.contains($0) })
        return QueryKeywords(high: high, low: low, source: "offline")
    }

    /// Store entities whose name or an alias occurs in `text` as whole words, longest first: every run of
    /// up to six words is looked up by its entity key (aliases share their entity's key).
    func storeNames(in text: String) async throws -> [String] {
        // Words with punctuation removed ("D. Richard Hipp" → d richard hipp), and as written ("C++", "AT&T").
        let plain = Self.normalised(text).split(separator: " ").map(String.init)
        let written = text.split(whereSeparator: \.isWhitespace)
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "?!.,;:\"'()[]{}“”‘’")) }.filter { !$0.isEmpty }
        // And the analyser's terms, so `RLHF의` and `모델은` are looked up as `rlhf` and `모델`.
        let analysed = analyzer.terms(text).filter { !$0.isStopword }.map(\.text)
        var runs: [(key: String, length: Int)] = []
        for words in [plain, written, analysed] {
            for start in words.indices {
                for length in 1...6 where start + length <= words.count {
                    let run = words[start..<(start + length)]
                    let single = run.first!.lowercased()
                    if length == 1 && (HeuristicLexicon.stopwords.contains(single) || Self.questionWords.contains(single)) { continue }
                    runs.append((EntityKey.of(run.joined(separator: " ")), length))
                }
            }
        }
        let names = try await store.entityNames(forKeys: runs.map(\.key).filter { !$0.isEmpty })
        var found: [(name: String, length: Int)] = []
        for run in runs { if let name = names[run.key] { found.append((name, run.length)) } }
        var seen: Set<String> = []
        return found.sorted { $0.length != $1.length ? $0.length > $1.length : $0.name < $1.name }.map(\.name)
            .filter { seen.insert($0).inserted }
    }

    static func normalised(_ text: String) -> String {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: " ")
    }

    /// The question's content terms in order (words folded, Hangul/Han/Kana runs without particles);
    /// function words are left out by list, never for being short (`C`, `Go`, `저자`).
    func contentTerms(_ text: String) -> [String] {
        analyzer.terms(text).filter { !$0.isStopword }.map(\.text)
    }

    /// Runs of two or three consecutive content words ("vacuum command", "file locking").
    static func phrases(_ words: [String]) -> [String] {
        guard words.count >= 2 else { return [] }
        return (0..<(words.count - 1)).map { "\(words[$0]) \(words[$0 + 1])" }
    }

    static func quotedPhrases(in text: String) -> [String] {
        let pattern = #"["“‘']([^"”’']{3,80})["”’']"#
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).compactMap { Range($0.range(at: 1), in: text).map { String(text[$0]) } }
    }

    /// Short questions with a pronoun and no name of their own need the conversation.
    static func leansOnContext(_ query: String) -> Bool {
        let words = Set(normalised(query).split(separator: " ").map(String.init))
        return !words.isDisjoint(with: ["it", "its", "they", "them", "their", "he", "she", "his", "her", "this", "that", "these", "those"])
    }

    static var questionWords: Set<String> { Stopwords.questionWords }
}
