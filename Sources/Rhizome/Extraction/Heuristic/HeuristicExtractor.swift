import Foundation

/// The offline extractor: no model, deterministic. Entities are the names found by `MentionFinder` plus
/// the section's heading; each is described by the sentences that mention it; entities sharing a sentence
/// are related, with the words between them as keywords and the sentence as description.
public struct HeuristicExtractor: Extractor {
    public static let version = "heuristic-7"
    /// Sentences quoted in one entity's description.
    let sentencesPerEntity = 3
    /// Longest sentence kept whole in a description (characters).
    let maxSentenceLength = 400

    /// Tells ordinary words from names where case cannot (Hangul).
    let frequentWords: FrequentWords

    /// - Parameter tokenizer: the store's tokenizer, whose vocabulary says which words are frequent.
    public init(tokenizer: any Tokenizer) { frequentWords = FrequentWords(tokenizer: tokenizer) }

    public var fingerprint: String { Self.version }

    public func extract(_ chunk: ExtractionInput) async throws -> ChunkExtraction {
        extractNow(chunk)
    }

    /// The synchronous core (no suspension points: this is pure computation).
    public func extractNow(_ chunk: ExtractionInput) -> ChunkExtraction {
        let sentences = SentenceSplitter.sentences(in: chunk.text)
        let sentenceWords = sentences.map { MentionFinder.words(of: $0) }
        let confirmed = MentionFinder.capitalisedMidSentence(inWords: sentenceWords)
        let hangulNouns = HangulNouns.recurring(in: sentences, frequentWords: frequentWords)
        let glosses = sentences.flatMap(Glosses.find)
        let aliasesByKey = Dictionary(grouping: glosses, by: { EntityKey.of($0.name) }).mapValues { Array(Set($0.map(\.alias))).sorted() }
        var order: [String] = []                       // entity keys in first-seen order
        var entities: [String: (entity: ExtractedEntity, sentences: [String])] = [:]
        var relations: [RelationKey: ExtractedRelation] = [:]
        var relationOrder: [RelationKey] = []

        func note(_ mention: Mention, in sentence: String) {
            let key = EntityKey.of(mention.name)
            guard !key.isEmpty else { return }
            if entities[key] == nil {
                order.append(key)
                entities[key] = (ExtractedEntity(name: mention.name, type: mention.type, description: "",
                                                 aliases: aliasesByKey[key] ?? []), [])
            }
            if entities[key]!.entity.type == "concept", mention.type != "concept" { entities[key]!.entity.type = mention.type }
            if entities[key]!.sentences.count < sentencesPerEntity, !entities[key]!.sentences.contains(sentence) {
                entities[key]!.sentences.append(sentence)
            }
        }

        if let heading = chunk.headingPath.last.map(Self.withoutNumbering).flatMap(Self.headingName),
           heading.split(separator: " ").count <= 6,
           heading.contains(where: \.isLetter), !HeuristicLexicon.stopwords.contains(heading.lowercased()) {
            let mentioning = sentences.filter { $0.localizedCaseInsensitiveContains(heading) }
            let key = EntityKey.of(heading)
            order.append(key)
            entities[key] = (ExtractedEntity(name: heading, type: "concept", description: "", aliases: aliasesByKey[key] ?? []),
                             Array((mentioning.isEmpty ? Array(sentences.prefix(1)) : mentioning).prefix(sentencesPerEntity)))
        }

        for (sentence, words) in zip(sentences, sentenceWords) {
            let trimmed = sentence.count > maxSentenceLength ? String(sentence.prefix(maxSentenceLength)) + "…" : sentence
            let mentions = Glosses.apply(glosses, to: Self.mentions(in: sentence, words: words, confirmed: confirmed,
                                                                    hangulNouns: hangulNouns), words: words)
            for mention in mentions { note(mention, in: trimmed) }
            for (first, second) in Self.relatedPairs(mentions) {
                let key = EntityKey.pair(first.name, second.name)
                guard key.source != key.target, relations[key] == nil else { continue }
                relations[key] = ExtractedRelation(source: first.name, target: second.name,
                                                   keywords: connectingKeywords(words, from: first, to: second),
                                                   description: trimmed)
                relationOrder.append(key)
            }
        }
        let entityList = order.compactMap { key -> ExtractedEntity? in
            guard var entry = entities[key] else { return nil }
            entry.entity.description = entry.sentences.joined(separator: " ")
            return entry.entity
        }
        return ChunkExtraction(entities: entityList, relations: relationOrder.compactMap { relations[$0] })
    }

    /// The distinct names of one sentence in order: those `MentionFinder` sees, and the chunk's recurring
    /// Korean nouns where they occur.
    static func mentions(in sentence: String, words: [SentenceWord], confirmed: Set<String>, hangulNouns: Set<String>) -> [Mention] {
        var mentions: [Mention] = []
        for mention in MentionFinder.mentions(in: sentence, words: words, confirmed: confirmed)
        where !mentions.contains(where: { EntityKey.of($0.name) == EntityKey.of(mention.name) }) {
            mentions.append(mention)
        }
        // A Korean compound covers the shorter names inside it (`GNU` of `GNU 일반 공중 사용 허가서`).
        for compound in HangulNouns.kindCompounds(in: words) where !mentions.contains(where: { $0.name == compound.name }) {
            mentions.removeAll { compound.firstWord <= $0.firstWord && $0.endWord <= compound.endWord }
            mentions.append(compound)
        }
        // A recurring noun counts where it stands alone, not where it is part of a longer name.
        for noun in hangulNouns.sorted()
        where sentence.utf8Occurrences(of: noun) > mentions.reduce(0, { $0 + $1.name.utf8Occurrences(of: noun) }) {
            let head = String(noun.split(separator: " ").first ?? "")
            let position = words.firstIndex { $0.stem == head || $0.text == head } ?? words.count
            mentions.append(Mention(name: noun, type: "concept", firstWord: position, endWord: position + 1))
        }
        return mentions.sorted { ($0.firstWord, $0.name) < ($1.firstWord, $1.name) }
    }

    /// Names a sentence relates: neighbours at most `nearestWords` words apart, and the sentence's first name
    /// (its likely subject) with the next `subjectReach` names. A run-on line of forty names thus gives a
    /// chain, not eight hundred pairs.
    static func relatedPairs(_ mentions: [Mention]) -> [(Mention, Mention)] {
        var pairs: [(Mention, Mention)] = []
        for (first, second) in zip(mentions, mentions.dropFirst()) where second.firstWord - first.endWord <= nearestWords {
            pairs.append((first, second))
        }
        if mentions.count > 2 {
            for other in mentions.dropFirst(2).prefix(subjectReach) where other.firstWord - mentions[0].endWord <= subjectWords {
                pairs.append((mentions[0], other))
            }
        }
        return pairs
    }

    static let nearestWords = 20
    static let subjectReach = 3
    static let subjectWords = 40

    /// The heading as a name: itself, or for a task title the thing it is about; nil for a question.
    static func headingName(_ heading: String) -> String? {
        MentionFinder.isClauseLike(heading) ? MentionFinder.subject(ofClause: heading) : heading
    }

    /// "Chapter 2. Users and Groups" → "Users and Groups"; "3.1 Setup" → "Setup".
    static func withoutNumbering(_ heading: String) -> String {
        let pattern = #"^\s*((chapter|section|part|appendix)\s+)?([0-9]+(\.[0-9]+)*|[ivxlc]+\.)[.):]?\s+"#
        guard let range = heading.range(of: pattern, options: [.regularExpression, .caseInsensitive]),
              range.upperBound < heading.endIndex else { return heading }
        return String(heading[range.upperBound...])
    }

    /// The content words between two mentions (at most four), or "mentioned with" when there are none.
    private func connectingKeywords(_ words: [SentenceWord], from first: Mention, to second: Mention) -> [String] {
        let (left, right) = first.endWord <= second.firstWord ? (first, second) : (second, first)
        guard left.endWord < right.firstWord, right.firstWord <= words.count else { return ["mentioned with"] }
        let between = words[left.endWord..<right.firstWord]
        let content = between.map(\.lower).filter {
            !HeuristicLexicon.stopwords.contains($0) && $0.contains(where: \.isLetter) && $0.count > 2
        }
        guard between.count <= 12, !content.isEmpty else { return ["mentioned with"] }
        return [content.prefix(4).joined(separator: " ")]
    }
}
