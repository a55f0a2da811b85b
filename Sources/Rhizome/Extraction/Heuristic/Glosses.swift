import Foundation

/// A term glossed in brackets in another script: the term outside is the name, the one inside its alias.
struct Gloss: Equatable {
    let name: String
    let alias: String
}

/// Finds glosses — `양자화(Quantization)`, `검색 증강 생성(RAG)`, `LoRA(저랭크 적응)`, `大規模言語モデル（LLM）` —
/// and makes each one entity: mentions of the alias take the name, and the name is a mention wherever it
/// occurs in the sentence.
enum Glosses {
    /// Longest term taken on either side of a bracket, in words.
    static let maxWords = 5

    static func find(in sentence: String) -> [Gloss] {
        var glosses: [Gloss] = []
        var searchStart = sentence.startIndex
        while let open = sentence[searchStart...].firstIndex(where: { $0 == "(" || $0 == "（" }),
              let close = sentence[open...].firstIndex(where: { $0 == ")" || $0 == "）" }) {
            searchStart = sentence.index(after: close)
            let inside = sentence[sentence.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            var before = sentence[..<open]
            if before.last == " " { before = before.dropLast() }
            if let gloss = gloss(before: before, inside: inside), EntityKey.of(gloss.name) != EntityKey.of(gloss.alias) {
                glosses.append(gloss)
            }
        }
        return glosses
    }

    private static func gloss(before: Substring, inside: String) -> Gloss? {
        guard let last = before.last, inside.count >= 2, inside.count <= 60 else { return nil }
        if isLatinTerm(inside), isCaseless(last) {
            return caselessTerm(endOf: before, wordsWanted: wordsSpelled(by: inside)).map { Gloss(name: $0, alias: inside) }
        }
        if isCaselessTerm(inside), last.isLetter || last.isNumber, !isCaseless(last) {
            return latinTerm(endOf: before).map { Gloss(name: $0, alias: inside) }
        }
        return nil
    }

    /// A Latin-script name or phrase: letters first, at most `maxWords` words, no clause punctuation.
    private static func isLatinTerm(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter, first.isASCII,
              !text.contains(where: { isCaseless($0) || ",;:=?!\"".contains($0) }), !text.hasSuffix(".") else { return false }
        let words = text.split(separator: " ")
        return words.count <= maxWords && (words.count <= 2 || first.isUppercase)
    }

    /// A Hangul noun phrase (bare nouns, no particle or ending) or a Han/Kana term.
    private static func isCaselessTerm(_ text: String) -> Bool {
        let words = text.split(separator: " ").map(String.init)
        guard words.count <= 4, words.allSatisfy({ $0.allSatisfy(isCaseless) }) else { return false }
        if text.contains(where: MentionFinder.isHangulCharacter) {
            return words.allSatisfy { Particles.strippingKorean($0) == $0 && !Particles.koreanFunctionWords.contains($0) }
                && !HeuristicLexicon.clauseEndings.contains { text.hasUTF8Suffix($0) }
        }
        return !text.contains(where: Particles.isHiragana)
    }

    /// How many words a Latin term stands for: its words (hyphens split), or an acronym's letters (RAG → 3).
    private static func wordsSpelled(by term: String) -> Int {
        let letters = term.filter(\.isLetter)
        if !term.contains(" "), letters.count <= 6, letters.allSatisfy(\.isUppercase) { return min(letters.count, 4) }
        return min(term.split(whereSeparator: { $0 == " " || $0 == "-" }).count, 4)
    }

    /// The caseless term that ends `text`: a Han/Kana run, or up to `wordsWanted` bare Hangul nouns.
    private static func caselessTerm(endOf text: Substring, wordsWanted: Int) -> String? {
        guard let last = text.last else { return nil }
        if !MentionFinder.isHangulCharacter(last) {
            let run = String(text.reversed().prefix { isCaseless($0) && !Particles.isHiragana($0) }.reversed())
            return run.count >= 2 ? run : nil
        }
        var words: [String] = []
        for word in text.split(separator: " ").reversed().prefix(wordsWanted) {
            let word = String(word)
            guard word.allSatisfy(MentionFinder.isHangulCharacter), Particles.strippingKorean(word) == word,
                  !HangulNouns.determiners.contains(word), !Particles.koreanFunctionWords.contains(word) else { break }
            words.insert(word, at: 0)
        }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// The Latin name that ends `text`: its last word, with the capitalised words before it.
    private static func latinTerm(endOf text: Substring) -> String? {
        var words: [Substring] = []
        for word in text.split(separator: " ").reversed().prefix(maxWords) {
            guard let first = word.first, first.isLetter || first.isNumber, word.allSatisfy({ !isCaseless($0) }),
                  !word.contains(where: { ",;:()".contains($0) }) else { break }
            if !words.isEmpty, !(first.isUppercase || first.isNumber) { break }
            words.insert(word, at: 0)
        }
        guard !words.isEmpty, words.joined().contains(where: \.isLetter) else { return nil }
        return words.joined(separator: " ")
    }

    private static func isCaseless(_ character: Character) -> Bool {
        character.unicodeScalars.contains(where: MentionFinder.isCJK)
    }

    // MARK: Applying glosses to a sentence's mentions

    /// `mentions` with alias mentions renamed to their name, and each glossed name that occurs in `words`
    /// added (covering the shorter mentions inside it); one mention per entity, in sentence order.
    static func apply(_ glosses: [Gloss], to mentions: [Mention], words: [SentenceWord]) -> [Mention] {
        guard !glosses.isEmpty else { return mentions }
        let nameOfAlias = Dictionary(glosses.map { (EntityKey.of($0.alias), $0.name) }, uniquingKeysWith: { first, _ in first })
        var result = mentions.map { mention -> Mention in
            guard let name = nameOfAlias[EntityKey.of(mention.name)] else { return mention }
            return Mention(name: name, type: mention.type, firstWord: mention.firstWord, endWord: mention.endWord)
        }
        for name in Set(glosses.map(\.name)).sorted()
        where !result.contains(where: { EntityKey.of($0.name) == EntityKey.of(name) }) {
            guard let span = span(of: name, in: words) else { continue }
            result.removeAll { span.contains($0.firstWord) && $0.endWord <= span.upperBound }
            result.append(Mention(name: name, type: "concept", firstWord: span.lowerBound, endWord: span.upperBound))
        }
        var seen: Set<String> = []
        return result.sorted { ($0.firstWord, $0.name) < ($1.firstWord, $1.name) }
            .filter { seen.insert(EntityKey.of($0.name)).inserted }
    }

    /// The words that spell `name` (the last may carry a particle), joined by spaces or not at all.
    static func span(of name: String, in words: [SentenceWord]) -> Range<Int>? {
        let spaced = name.split(separator: " ").map(String.init)
        let compact = spaced.joined()
        for start in words.indices {
            var joined = ""
            for end in start..<min(words.count, start + max(spaced.count, 8)) {
                let isLast = end - start + 1 == spaced.count
                let piece = words[end].text
                if isLast, (words[start..<end].map(\.text) + [words[end].stem]) == spaced || words[start...end].map(\.text) == spaced {
                    return start..<end + 1
                }
                joined += piece
                if joined == compact { return start..<end + 1 }
                if joined.count >= compact.count { break }
            }
        }
        return nil
    }
}
