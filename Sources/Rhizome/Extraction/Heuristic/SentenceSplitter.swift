import Foundation

/// Splits text into sentences: at line breaks (list items, table rows) and after `.`, `!` or `?` followed by
/// a space and a capital, digit or quote, except after common abbreviations and initials.
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
                if character == "." || character == "!" || character == "?",
                   index + 2 < characters.count, characters[index + 1] == " ",
                   characters[index + 2].isUppercase || characters[index + 2].isNumber || "\"“(".contains(characters[index + 2]),
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
