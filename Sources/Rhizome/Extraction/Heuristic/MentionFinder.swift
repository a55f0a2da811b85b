import Foundation

/// A candidate entity found in a sentence, with the word positions it covers and a guessed type.
struct Mention: Equatable {
    var name: String
    var type: String
    var firstWord: Int
    var endWord: Int
}

/// A word of a sentence: its text, whether punctuation separates it from the word before (names never run
/// across a comma, a colon or a bracket), and whether it is written in a script without case.
struct SentenceWord {
    let text: String
    var breakBefore = false
    /// A colon or semicolon comes before it: it opens a clause (`Note: Automatic upgrade…`), so its
    /// capital says as little as a sentence's first word's.
    var opensClause = false
    /// The word without a trailing Korean particle or ending (`모델은` → `모델`); the word itself otherwise.
    /// Worked out once here: the extractor asks for it several times per word.
    let stem: String

    init(text: String, breakBefore: Bool = false, opensClause: Bool = false) {
        self.text = text
        self.breakBefore = breakBefore
        self.opensClause = opensClause
        let hasHangul = text.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }
        stem = hasHangul ? Particles.strippingKorean(text) : text
    }

    var lower: String { text.lowercased() }
    var isCapitalised: Bool { text.first?.isUppercase == true }
    /// Two capitals and no lower case: `RAG`, `GPT-4`, `POSIX`. Hangul, Han and Kana have no case and are never acronyms.
    var isAcronym: Bool { text.filter(\.isUppercase).count >= 2 && !text.contains(where: \.isLowercase) }
    /// A Hangul, Han or Kana run (a word, or the particle split off a Latin name: `QLoRA` + `는`).
    var isCaseless: Bool { text.unicodeScalars.contains { MentionFinder.isCJK($0) } }
    /// A lower-case-initial name: `libxml2`, `o200k_base`, `sRGB`, `iPhone`, `deflate()`, `apt-get`.
    var isCodeLike: Bool {
        guard let first = text.first, first.isLowercase, first.isASCII, text.count >= 2 else { return false }
        return text.contains(where: \.isNumber) || text.contains("_") || text.hasSuffix("()")
            || text.dropFirst().contains(where: \.isUppercase)
    }
}

/// Finds names in a sentence: capitalised multi-word spans, acronyms, quoted titles and dates, each typed by
/// cue words (Inc/University → organization, honorifics and given names → person, place cues → location,
/// dates → event, otherwise concept).
enum MentionFinder {
    /// Characters that end a name: a name never runs across them.
    private static let breaks: Set<Character> = ["“", "”", "\"", "(", ")", "[", "]", "{", "}", ";", ":", ",", "!", "?", "、", "。", "，",
                                                 "（", "）", "「", "」", "『", "』", "【", "】", "・", "：", "；", "|", "/"]
    private static let trailingMarks: Set<Character> = [".", "'", "’"]
    private static let clauseMarks: Set<Character> = [":", ";", "：", "；"]
    private static let leadingMarks: Set<Character> = ["'", "‘"]

    /// A precomposed Hangul syllable.
    static func isHangulCharacter(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { (0xAC00...0xD7A3).contains($0.value) }
    }

    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xAC00...0xD7A3, 0x1100...0x11FF, 0x3130...0x318F,      // Hangul
             0x3040...0x30FF, 0x31F0...0x31FF,                       // Kana
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF:      // Han
            return true
        default:
            return false
        }
    }

    static func words(of sentence: String) -> [SentenceWord] {
        var words: [SentenceWord] = []
        var current = ""
        var pendingBreak = false
        var pendingClause = false
        func flush() {
            defer { current = "" }
            for piece in splitAtScript(current) {
                var text = Substring(piece)
                let isInitial = text.count == 2 && text.first!.isUppercase && text.last == "."
                while !isInitial, let last = text.last, trailingMarks.contains(last),
                      !(text.count <= 4 && text.filter({ $0 == "." }).count > 1) {
                    text = text.dropLast()
                }
                while let first = text.first, leadingMarks.contains(first) { text = text.dropFirst() }
                while let last = text.last, last == "/" || last == "-" { text = text.dropLast() }
                // "the Free Software Foundation's GNU project": a possessive ends the name before it.
                let possessive = text.count > 3 && (text.hasSuffix("'s") || text.hasSuffix("’s"))
                if possessive { text = text.dropLast(2) }
                guard !text.isEmpty else { continue }
                words.append(SentenceWord(text: nameInsideDerivedWord(String(text)), breakBefore: pendingBreak, opensClause: pendingClause))
                pendingBreak = possessive
                pendingClause = false
            }
        }
        let characters = Array(withoutAddresses(sentence))
        for (index, character) in characters.enumerated() {
            // `deflate()` keeps its brackets; a slash inside a word (`GNU/Linux`, `TCP/IP`) stays.
            if character == "(", !current.isEmpty, index + 1 < characters.count, characters[index + 1] == ")" {
                current.append(character)
                continue
            }
            if character == ")", current.hasSuffix("(") {
                current.append(character)
                continue
            }
            if character.isWhitespace || (breaks.contains(character) && !(character == "/" && !current.isEmpty)) {
                flush()
                if breaks.contains(character) { pendingBreak = true }
                if clauseMarks.contains(character) { pendingClause = true }
            } else {
                current.append(character)
            }
        }
        flush()
        return words
    }

    /// `Debian-derived` → `Debian`, `GNU-style` → `GNU`, `non-English` → `English`: a capitalised name with an
    /// English derivational prefix or suffix is an adjective made from the name; the name is what it names.
    /// Words without a capital (`non-free`, `man-db`, `debian-installer`) are left alone.
    static func nameInsideDerivedWord(_ word: String) -> String {
        guard word.contains("-"), word.contains(where: \.isUppercase) else { return word }
        var parts = word.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        while parts.count > 1, HeuristicLexicon.derivationalPrefixes.contains(parts[0]) { parts.removeFirst() }
        while parts.count > 1, HeuristicLexicon.derivationalSuffixes.contains(parts[parts.count - 1]) { parts.removeLast() }
        let name = parts.joined(separator: "-")
        return name.contains(where: \.isUppercase) ? name : word
    }

    /// `sentence` with URLs, e-mail addresses, `<…>` and absolute paths replaced by a break: they are not names.
    static func withoutAddresses(_ sentence: String) -> String {
        guard sentence.contains(where: { "/@<:".contains($0) }) || sentence.contains("www.") else { return sentence }
        return sentence.replacingOccurrences(of: #"[A-Za-z][A-Za-z+.-]*://\S+|www\.\S+|\S+@\S+\.\S+|<[^<>\s]*(\s+[^<>\s]+){0,4}>|(?<![\w.])/[\w./~-]+"#,
                                             with: " | ", options: .regularExpression)
    }

    /// `QLoRA는` → `QLoRA`, `는`; `debianプロジェクト` → `debian`, `プロジェクト`: a change of script inside a
    /// word separates a name from the particle or word glued to it.
    static func splitAtScript(_ word: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var currentIsCJK: Bool?
        for character in word {
            let cjk = character.unicodeScalars.contains(where: isCJK)
            if let currentIsCJK, cjk != currentIsCJK, !current.isEmpty {
                pieces.append(current)
                current = ""
            }
            current.append(character)
            currentIsCJK = cjk
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    /// - Parameter confirmed: lower-cased single words seen capitalised mid-sentence elsewhere in the chunk,
    ///   which makes them names even where they open a sentence.
    static func mentions(in sentence: String, confirmed: Set<String> = []) -> [Mention] {
        mentions(in: sentence, words: words(of: sentence), confirmed: confirmed)
    }

    /// The same, for a sentence already cut into `words` (each sentence is cut once per chunk).
    static func mentions(in sentence: String, words: [SentenceWord], confirmed: Set<String>) -> [Mention] {
        let inCaselessText = words.contains(where: \.isCaseless)
        var found: [Mention] = []
        var index = 0
        while index < words.count {
            if found.contains(where: { $0.firstWord <= index && index < $0.endWord }) { index += 1; continue }
            guard isNameWord(words[index], inCaselessText: inCaselessText) else { index += 1; continue }
            // In Korean text a plain lower-case word right after a Latin word is its argument (`apt install`).
            if inCaselessText, index > 0, !words[index].breakBefore, !words[index - 1].isCaseless,
               !words[index].isCapitalised, !words[index].isAcronym, !words[index].isCodeLike {
                index += 1
                continue
            }
            var end = index + 1
            while end < words.count, end - index < 6, !words[end].breakBefore {
                // Plain lower-case Latin words in Korean text are names one at a time (`apt` of `apt install`).
                let plain = !words[end].isCapitalised && !words[end].isAcronym && !words[end].isCodeLike
                if isNameWord(words[end], inCaselessText: inCaselessText), !plain || words[end - 1].isCapitalised && !inCaselessText {
                    end += 1
                    continue
                }
                // "Jake Edge of Linux Weekly News" is a person and an organisation; "Bank of England" and
                // "Queen Mary University of London" are one name.
                let personBefore = words[end].text == "of" && end - index >= 2
                    && !words[index..<end].contains { HeuristicLexicon.organizationCues.contains($0.lower) }
                if HeuristicLexicon.nameConnectors.contains(words[end].text), !personBefore, end + 1 < words.count,
                   !words[end + 1].breakBefore, isNameWord(words[end + 1], inCaselessText: inCaselessText) { end += 2; continue }
                break
            }
            var start = index
            while start < end, HeuristicLexicon.stopwords.contains(words[start].lower) && !words[start].isAcronym { start += 1 }
            // "Dr. Ada Lovelace" is Ada Lovelace; the title stays as the type cue (the word before the span).
            while start + 1 < end, HeuristicLexicon.honorifics.contains(words[start].lower.trimmingCharacters(in: CharacterSet(charactersIn: "."))) {
                start += 1
            }
            // `GNU 프로젝트`, `DDP 매뉴얼`: a Latin name and the Korean noun that says what it is form one name.
            var suffix: String?
            if inCaselessText, end < words.count, !words[end].breakBefore, words[end].isCaseless,
               HeuristicLexicon.koreanKindNouns.contains(words[end].stem) {
                suffix = words[end].stem
            }
            let atBoundary = index == 0 || words[index].opensClause || ["-", "–", "—", "•", "*"].contains(words[index - 1].text)
            // A line that is nothing but a title-case phrase is a heading or a label, not a name.
            let wholeLine = index == 0 && end == words.count && end - start >= 2
                && !words[start..<end].contains(where: { $0.isAcronym || $0.isCodeLike })
            if start < end, !wholeLine, !isNumbering(words[start]),
               var mention = mention(words, start, end, sentenceStart: atBoundary && !inCaselessText, confirmed: confirmed) {
                if let suffix {
                    mention.name += " " + suffix
                    mention.endWord += 1
                }
                found.append(mention)
            }
            index = end
        }
        found.append(contentsOf: quotedTitles(in: sentence, wordCount: words.count))
        return found.sorted { ($0.firstWord, $0.name) < ($1.firstWord, $1.name) }
    }

    /// Lower-cased words that appear capitalised somewhere other than at the start of a sentence.
    static func capitalisedMidSentence(in sentences: [String]) -> Set<String> {
        capitalisedMidSentence(inWords: sentences.map { words(of: $0) })
    }

    /// The same, for sentences already cut into words.
    static func capitalisedMidSentence(inWords sentences: [[SentenceWord]]) -> Set<String> {
        var found: Set<String> = []
        for words in sentences {
            for index in words.indices.dropFirst() where words[index].isCapitalised && isNameWord(words[index], inCaselessText: false)
                && !words[index].opensClause && !["|", "-", "–", "—", "•", "*"].contains(words[index - 1].text)
                && !HeuristicLexicon.stopwords.contains(words[index].lower) {
                found.insert(words[index].lower)
            }
        }
        return found
    }

    /// A question or, in Korean or Japanese, a phrase ending in a predicate (`IP アドレスを確認する`,
    /// `IP 주소 찾기`): a heading of that form names a task, not a thing.
    static func isClauseLike(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: ".。")))
        if trimmed.hasSuffix("?") || trimmed.hasSuffix("？") { return true }
        guard trimmed.unicodeScalars.contains(where: isCJK) else { return false }
        return HeuristicLexicon.clauseEndings.contains { trimmed.hasUTF8Suffix($0) }
    }

    /// The thing a Korean or Japanese task title is about: `IP アドレスを確認する` → `IP アドレス`,
    /// `외부 IP 주소 찾기` → `외부 IP 주소`; nil for a question or when nothing is left.
    static func subject(ofClause heading: String) -> String? {
        let trimmed = heading.trimmingCharacters(in: .whitespaces)
        guard !trimmed.hasSuffix("?"), !trimmed.hasSuffix("？"), trimmed.unicodeScalars.contains(where: isCJK) else { return nil }
        var subject = trimmed
        if let particle = trimmed.firstIndex(where: { "をがは".contains($0) }) {
            subject = String(trimmed[..<particle])
        } else {
            var words = trimmed.split(separator: " ").map(String.init)
            while let last = words.last, HeuristicLexicon.clauseEndings.contains(where: { last.hasUTF8Suffix($0) }) { words.removeLast() }
            guard let last = words.popLast() else { return nil }
            let stem = Particles.strippingKorean(last)
            subject = (words + (stem.isEmpty ? [] : [stem])).joined(separator: " ")
        }
        subject = subject.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
        return subject.isEmpty || isClauseLike(subject) || subject.split(separator: " ").count > 5 ? nil : subject
    }

    /// `a.2.`, `1.1.`, `iv.`: section numbers.
    private static func isNumbering(_ word: SentenceWord) -> Bool {
        word.text.contains(where: \.isNumber) && word.text.allSatisfy { $0.isNumber || $0 == "." || $0.isLetter && $0.isLowercase }
            && word.text.contains(".")
    }

    /// A word that can be part of a name: capitalised, an acronym or code-like — and, inside Korean,
    /// Japanese or Chinese text, any Latin word that is not an English function word (`dpkg`, `contrib`).
    private static func isNameWord(_ word: SentenceWord, inCaselessText: Bool) -> Bool {
        guard !word.isCaseless, word.text.contains(where: \.isLetter) else { return false }
        // Shell assignments, variables and options (`PS1='\$`, `$TERM`, `-doc`) are code, not names.
        if word.text.contains("=") || word.text.hasPrefix("$") || word.text.hasPrefix("-") { return false }
        let lower = word.lower
        if HeuristicLexicon.months.contains(lower) || HeuristicLexicon.weekdays.contains(lower) { return false }
        if word.isCapitalised || word.isAcronym || word.isCodeLike { return true }
        return inCaselessText && word.text.count >= 2 && word.text.first?.isASCII == true && !HeuristicLexicon.stopwords.contains(lower)
    }

    private static func mention(_ words: [SentenceWord], _ start: Int, _ end: Int, sentenceStart: Bool,
                                confirmed: Set<String>) -> Mention? {
        let span = words[start..<end]
        if span.count == 1 {
            let word = span.first!
            if word.text.count < 2 || HeuristicLexicon.stopwords.contains(word.lower)
                || HeuristicLexicon.genericAcronyms.contains(word.lower) { return nil }
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

    /// Titles in double quotes (1–8 words, first one capitalised) as works or concepts.
    private static func quotedTitles(in sentence: String, wordCount: Int) -> [Mention] {
        var found: [Mention] = []
        var rest = Substring(sentence)
        while let open = rest.firstIndex(where: { $0 == "“" || $0 == "\"" }) {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(where: { $0 == "”" || $0 == "\"" }) else { break }
            let title = after[..<close].trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
            let count = title.split(separator: " ").count
            let question = after[..<close].trimmingCharacters(in: .whitespaces).hasSuffix("?")
            if (1...8).contains(count), !question, title.first?.isUppercase == true, title.contains(where: \.isLetter) {
                let position = words(of: String(sentence[..<open])).count
                found.append(Mention(name: title, type: "work", firstWord: position, endWord: position + count))
            }
            rest = after[after.index(after: close)...]
        }
        return found
    }
}
