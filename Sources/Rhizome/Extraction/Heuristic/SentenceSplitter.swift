import Foundation

/// Splits text into sentences: at line breaks (list items, table rows); after `.`, `!` or `?` followed by a
/// space and a capital, digit, quote or a Hangul/Han/Kana letter (scripts without case: `다. 그러나`), except
/// after common abbreviations and initials; and after the full-width `。！？` (with any closing quote or
/// bracket), which need no space after them.
enum SentenceSplitter {
    static let abbreviations: Set<String> = ["mr", "mrs", "ms", "dr", "prof", "st", "inc", "ltd", "co", "corp", "jr",
                                             "sr", "vs", "etc", "e.g", "i.e", "no", "fig", "vol", "approx", "cf", "al"]

    static func sentences(in text: String) -> [String] {
        var result: [String] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let characters = Array(line)
            var start = 0
            var index = 0
            while index < characters.count {
                let character = characters[index]
                if fullWidthEnds.contains(character) {
                    var end = index + 1
                    while end < characters.count, closers.contains(characters[end]) { end += 1 }
                    if end < characters.count {
                        append(characters[start..<end], to: &result)
                        start = end
                    }
                    index = end
                    continue
                }
                if character == "." || character == "!" || character == "?",
                   index + 2 < characters.count, characters[index + 1] == " ",
                   startsSentence(characters[index + 2]),
                   !(character == "." && endsWithAbbreviation(characters[start..<index])) {
                    append(characters[start...index], to: &result)
                    start = index + 2
                    index += 2
                    continue
                }
                index += 1
            }
            if start < characters.count { append(characters[start...], to: &result) }
        }
        return result
    }

    private static let fullWidthEnds: Set<Character> = ["。", "！", "？"]
    private static let closers: Set<Character> = ["」", "』", "）", "”", "’", "\"", ")", "]", "】", " "]

    /// What may begin the next sentence after `. `: a capital, digit, opening quote, or a caseless letter.
    private static func startsSentence(_ character: Character) -> Bool {
        character.isUppercase || character.isNumber || "\"“(".contains(character)
            || character.isLetter && character.unicodeScalars.contains(where: MentionFinder.isCJK)
    }

    private static func append(_ characters: ArraySlice<Character>, to result: inout [String]) {
        let sentence = String(characters).trimmingCharacters(in: .whitespaces)
        if sentence.contains(where: \.isLetter) { result.append(sentence) }
    }

    /// The word before a period is an abbreviation or a single-letter initial.
    private static func endsWithAbbreviation(_ characters: ArraySlice<Character>) -> Bool {
        let word = String(characters.reversed().prefix { !$0.isWhitespace && $0 != "(" }.reversed()).lowercased()
        return word.count == 1 && word.first!.isLetter || abbreviations.contains(word)
    }
}
