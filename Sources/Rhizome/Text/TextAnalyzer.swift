import Foundation

/// Turns text into the terms that are matched: the one definition of "a word" used by the full-text
/// indexes, the query side, keyword extraction, entity lookup in questions and extractive answers, so a
/// word is found the same way everywhere.
///
/// Contract: the same text gives the same tokens at index and at query time; `indexTokens` gives byte
/// ranges into the UTF-8 text it was handed.
public protocol TextAnalyzer: Sendable {
    /// Tokens to index, with their UTF-8 byte ranges; `colocated` tokens share the previous token's position.
    func indexTokens(_ utf8: UnsafeBufferPointer<UInt8>) -> [IndexToken]
    /// The terms of a question or a keyword: words, and runs of Hangul/Han/Kana to match as phrases.
    func terms(_ text: String) -> [Term]
}

/// A token for the full-text index.
public struct IndexToken: Sendable, Equatable {
    public var text: String
    public var start: Int
    public var end: Int
    public var colocated: Bool
}

/// A term to match.
public struct Term: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A folded word of a script with spaces (Latin, Greek, Cyrillic…) or digits.
        case word
        /// A run of Hangul, Han or Kana (particles and endings stripped), matched as the phrase of its bigrams.
        case cjk
    }

    public var text: String
    public var kind: Kind
    /// Whether it is a function word of its language (matched only when nothing else is left).
    public var isStopword: Bool
}

/// Rhizome's analysis, for every language the same way: Unicode NFKC, case folding and accent folding;
/// a split wherever the script changes (`RLHF의` → `rlhf` `의`, `GPT-4o는` → `gpt` `4o` `는`); runs of
/// Hangul, Han and Kana as overlapping character bigrams with a colocated unigram per character (the
/// scheme of Lucene's CJK analyser, so two-syllable Korean nouns match inside longer words). On the query
/// side, Korean particles and endings are stripped from each run, Japanese and Chinese runs are split at
/// function words, and function words of every language are marked as stopwords rather than dropped for
/// being short.
public struct UnicodeTextAnalyzer: TextAnalyzer {
    public init() {}

    public func indexTokens(_ utf8: UnsafeBufferPointer<UInt8>) -> [IndexToken] {
        var tokens: [IndexToken] = []
        for run in ScriptRuns(utf8) {
            switch run.script {
            case .alphanumeric:
                let word = Self.fold(run.text)
                if !word.isEmpty { tokens.append(IndexToken(text: word, start: run.start, end: run.end, colocated: false)) }
            case .hangul, .ideographic:
                appendBigrams(of: run, to: &tokens)
            }
        }
        return tokens
    }

    /// Each pair of neighbouring characters, and each character at the same position as the pair it starts.
    private func appendBigrams(of run: ScriptRun, to tokens: inout [IndexToken]) {
        let characters = run.characters
        if characters.count == 1 {
            tokens.append(IndexToken(text: characters[0].text, start: characters[0].start, end: characters[0].end, colocated: false))
            return
        }
        for index in 0..<(characters.count - 1) {
            let first = characters[index], second = characters[index + 1]
            tokens.append(IndexToken(text: first.text + second.text, start: first.start, end: second.end, colocated: false))
            tokens.append(IndexToken(text: first.text, start: first.start, end: first.end, colocated: true))
        }
        let last = characters[characters.count - 1]
        tokens.append(IndexToken(text: last.text, start: last.start, end: last.end, colocated: true))
    }

    public func terms(_ text: String) -> [Term] {
        let utf8 = Array(text.canonicallyComposed.utf8)
        return utf8.withUnsafeBufferPointer { buffer in
            var terms: [Term] = []
            for run in ScriptRuns(buffer) {
                switch run.script {
                case .alphanumeric:
                    let word = Self.fold(run.text)
                    if !word.isEmpty { terms.append(Term(text: word, kind: .word, isStopword: Stopwords.isFunctionWord(word))) }
                case .hangul:
                    let stem = Particles.strippingKorean(run.text)
                    terms.append(Term(text: stem.isEmpty ? run.text : stem, kind: .cjk, isStopword: stem.isEmpty))
                case .ideographic:
                    for segment in Particles.segmentsOfJapaneseOrChinese(run.text) {
                        terms.append(Term(text: segment.text, kind: .cjk, isStopword: segment.isFunction))
                    }
                }
            }
            return terms
        }
    }

    /// The searchable terms of `text`: its terms without stopwords, unless nothing else is left.
    public func contentTerms(_ text: String) -> [Term] {
        let all = terms(text)
        let content = all.filter { !$0.isStopword }
        return content.isEmpty ? all : content
    }

    /// What two texts share when compared word by word: the folded content words, and the bigrams (or
    /// the lone character) of each Hangul/Han/Kana content term, particles stripped.
    public func matchKeys(_ text: String) -> Set<String> {
        var keys = Set<String>()
        for term in contentTerms(text) where !term.isStopword {
            switch term.kind {
            case .word: keys.insert(term.text)
            case .cjk:
                let characters = Array(term.text)
                if characters.count == 1 { keys.insert(term.text); continue }
                for index in 0..<(characters.count - 1) { keys.insert(String(characters[index...index + 1])) }
            }
        }
        return keys
    }

    /// NFKC, lower case, accents removed (`Zambézia` → `zambezia`, `ＱＬｏＲＡ` → `qlora`).
    static func fold(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word.lowercased() }
        let compatible = word.precomposedStringWithCompatibilityMapping.lowercased()
        var scalars = String.UnicodeScalarView()
        for scalar in compatible.decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            scalars.append(scalar)
        }
        return String(scalars).precomposedStringWithCanonicalMapping
    }
}
