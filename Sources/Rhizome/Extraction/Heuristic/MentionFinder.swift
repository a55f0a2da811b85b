import Foundation

/// A candidate entity found in a sentence, with the word positions it covers and a guessed type.
struct Mention: Equatable {
    var name: String
    var type: String
    var firstWord: Int
    var endWord: Int
}

/// A word of a sentence and whether a capital starts it.
struct SentenceWord {
    let text: String
    var lower: String { text.lowercased() }
    var isCapitalised: Bool { text.first?.isUppercase == true }
    var isAcronym: Bool { text.count >= 2 && text.filter(\.isLetter).count >= 2 && !text.contains(where: \.isLowercase) }
}

/// Finds names in a sentence: capitalised multi-word spans, acronyms, quoted titles and dates, each typed by
/// cue words (Inc/University → organization, honorifics and given names → person, place cues → location,
/// dates → event, otherwise concept).
enum MentionFinder {
    private static let separators: Set<Character> = [" ", "\t", "\n", "“", "”", "\"", "(", ")", "[", "]", "{", "}", ";", ":",
                                                     ",", "!", "?"]
    private static let trailingMarks: Set<Character> = [".", "'", "’"]
    private static let leadingMarks: Set<Character> = ["'", "‘"]

    static func words(of sentence: String) -> [SentenceWord] {
        sentence.split(whereSeparator: { separators.contains($0) || $0.isWhitespace }).compactMap { raw in
            var text = Substring(raw)
            let isInitial = text.count == 2 && text.first!.isUppercase && text.last == "."
            while !isInitial, let last = text.last, trailingMarks.contains(last),
                  !(text.count <= 4 && text.filter({ $0 == "." }).count > 1) {
                text = text.dropLast()
            }
            while let first = text.first, leadingMarks.contains(first) { text = text.dropFirst() }
            return text.isEmpty ? nil : SentenceWord(text: String(text))
        }
    }

    /// - Parameter confirmed: lower-cased single words seen capitalised mid-sentence elsewhere in the chunk,
    ///   which makes them names even where they open a sentence.
    static func mentions(in sentence: String, confirmed: Set<String> = []) -> [Mention] {
        let words = words(of: sentence)
        var found: [Mention] = dates(in: words)
        var index = 0
        while index < words.count {
            if found.contains(where: { $0.firstWord <= index && index < $0.endWord }) { index += 1; continue }
            guard isNameWord(words[index]) else { index += 1; continue }
            var end = index + 1
            while end < words.count, end - index < 6 {
                if isNameWord(words[end]) { end += 1; continue }
                if HeuristicLexicon.nameConnectors.contains(words[end].text), end + 1 < words.count,
                   isNameWord(words[end + 1]) { end += 2; continue }
                break
            }
            var start = index
            while start < end, HeuristicLexicon.stopwords.contains(words[start].lower) && !words[start].isAcronym { start += 1 }
            // "Dr. Ada Lovelace" is Ada Lovelace; the title stays as the type cue (the word before the span).
            while start + 1 < end, HeuristicLexicon.honorifics.contains(words[start].lower.trimmingCharacters(in: CharacterSet(charactersIn: "."))) {
                start += 1
            }
            let atBoundary = start == 0 || ["|", "-", "–", "—", "•", "*"].contains(words[start - 1].text)
            if start < end, let mention = mention(words, start, end, sentenceStart: atBoundary, confirmed: confirmed) {
                found.append(mention)
            }
            index = end
        }
        found.append(contentsOf: quotedTitles(in: sentence, wordCount: words.count))
        return found.sorted { ($0.firstWord, $0.name) < ($1.firstWord, $1.name) }
    }

    /// Lower-cased words that appear capitalised somewhere other than at the start of a sentence.
    static func capitalisedMidSentence(in sentences: [String]) -> Set<String> {
        var found: Set<String> = []
        for sentence in sentences {
            let words = words(of: sentence)
            for index in words.indices.dropFirst() where words[index].isCapitalised && isNameWord(words[index])
                && !["|", "-", "–", "—", "•", "*"].contains(words[index - 1].text)
                && !HeuristicLexicon.stopwords.contains(words[index].lower) {
                found.insert(words[index].lower)
            }
        }
        return found
    }

    private static func isNameWord(_ word: SentenceWord) -> Bool {
        guard word.isCapitalised || word.isAcronym else { return false }
        let lower = word.lower
        return !HeuristicLexicon.months.contains(lower) && !HeuristicLexicon.weekdays.contains(lower)
            && word.text.contains(where: \.isLetter)
    }

    private static func mention(_ words: [SentenceWord], _ start: Int, _ end: Int, sentenceStart: Bool,
                                confirmed: Set<String>) -> Mention? {
        let span = words[start..<end]
        if span.count == 1 {
            let word = span.first!
            if word.text.count < 2 || HeuristicLexicon.stopwords.contains(word.lower) { return nil }
            // A lone capitalised word opening a sentence is usually an ordinary word.
            let hasInnerCapital = word.text.dropFirst().contains(where: \.isUppercase)
            if sentenceStart && !word.isAcronym && !hasInnerCapital && !confirmed.contains(word.lower)
                && !HeuristicLexicon.knownPlaces.contains(word.lower) && !HeuristicLexicon.givenNames.contains(word.lower) {
                return nil
            }
        }
        let name = span.map(\.text).joined(separator: " ")
        return Mention(name: name, type: type(of: span, before: start > 0 ? words[start - 1].lower : nil),
                       firstWord: start, endWord: end)
    }

    private static func type(of span: ArraySlice<SentenceWord>, before: String?) -> String {
        let lowers = span.map { $0.lower.trimmingCharacters(in: CharacterSet(charactersIn: ".")) }
        if let last = lowers.last, HeuristicLexicon.organizationCues.contains(last), span.count >= 2 { return "organization" }
        if span.count >= 3, lowers.dropLast().contains(where: { ["university", "institute", "college", "bank"].contains($0) }),
           lowers.contains("of") { return "organization" }   // "University of Hong Kong", "Bank of England"
        if let before, HeuristicLexicon.honorifics.contains(before.trimmingCharacters(in: CharacterSet(charactersIn: "."))) {
            return "person"
        }
        if let first = lowers.first, HeuristicLexicon.honorifics.contains(first), span.count >= 2 { return "person" }
        let initialThenName = lowers.count >= 3 && lowers[0].count == 1 && HeuristicLexicon.givenNames.contains(lowers[1])
        if span.count >= 2, span.count <= 4, HeuristicLexicon.givenNames.contains(lowers[0]) || initialThenName,
           !lowers.contains(where: HeuristicLexicon.locationCues.contains) { return "person" }
        if let last = lowers.last, HeuristicLexicon.locationCues.contains(last), span.count >= 2 { return "location" }
        if lowers.allSatisfy(HeuristicLexicon.knownPlaces.contains) { return "location" }
        if let before, HeuristicLexicon.placePrepositions.contains(before), span.count <= 2,
           !span.contains(where: \.isAcronym) { return "location" }
        return "concept"
    }

    /// "March 2004", "12 March 2004", "March 12, 2004" and bare years after "in"/"since"/"by".
    private static func dates(in words: [SentenceWord]) -> [Mention] {
        var found: [Mention] = []
        func isYear(_ index: Int) -> Bool {
            index < words.count && words[index].text.count == 4 && Int(words[index].text).map { (1000...2199).contains($0) } == true
        }
        for (index, word) in words.enumerated() where HeuristicLexicon.months.contains(word.lower) && word.isCapitalised {
            var start = index
            var end = index + 1
            if index > 0, Int(words[index - 1].text).map({ (1...31).contains($0) }) == true { start = index - 1 }
            if end < words.count, Int(words[end].text).map({ (1...31).contains($0) }) == true, isYear(end + 1) { end += 2 }
            else if isYear(end) { end += 1 }
            if end - start >= 2 {
                found.append(Mention(name: words[start..<end].map(\.text).joined(separator: " "), type: "event",
                                     firstWord: start, endWord: end))
            }
        }
        for index in words.indices where isYear(index) && index > 0
            && ["in", "since", "by", "until", "during"].contains(words[index - 1].lower)
            && !found.contains(where: { $0.firstWord <= index && index < $0.endWord }) {
            found.append(Mention(name: words[index].text, type: "event", firstWord: index, endWord: index + 1))
        }
        return found
    }

    /// Titles in double quotes (1–8 words, first one capitalised) as works or concepts.
    private static func quotedTitles(in sentence: String, wordCount: Int) -> [Mention] {
        var found: [Mention] = []
        var rest = Substring(sentence)
        while let open = rest.firstIndex(where: { $0 == "“" || $0 == "\"" }) {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(where: { $0 == "”" || $0 == "\"" }) else { break }
            let title = after[..<close].trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
            let count = title.split(separator: " ").count
            if (1...8).contains(count), title.first?.isUppercase == true, title.contains(where: \.isLetter) {
                let position = words(of: String(sentence[..<open])).count
                found.append(Mention(name: title, type: "work", firstWord: position, endWord: position + count))
            }
            rest = after[after.index(after: close)...]
        }
        return found
    }
}
