/// The language a text is mostly written in, told by its scripts: Korean (Hangul), Japanese (Kana with or
/// without Han), Chinese (Han without Kana); nil for scripts that do not decide (Latin and the rest), where
/// the caller's default applies. Enough for choosing the language of extracted descriptions.
public enum LanguageGuess {
    /// The word `--language auto` stands for: each chunk's own language.
    public static let automatic = "auto"

    public static func name(of text: String) -> String? {
        var hangul = 0, kana = 0, han = 0, letters = 0
        for scalar in text.unicodeScalars.prefix(20_000) where scalar.properties.isAlphabetic {
            letters += 1
            switch scalar.value {
            case 0xAC00...0xD7A3, 0x1100...0x11FF, 0x3130...0x318F: hangul += 1
            case 0x3040...0x30FF: kana += 1
            case 0x4E00...0x9FFF, 0x3400...0x4DBF: han += 1
            default: break
            }
        }
        guard letters > 0 else { return nil }
        if Double(hangul) >= 0.2 * Double(letters) { return "Korean" }
        if kana > 0, Double(kana + han) >= 0.3 * Double(letters) { return "Japanese" }
        if Double(han) >= 0.3 * Double(letters) { return "Chinese" }
        return nil
    }

    /// `language`, or for `auto` the language of `text` (English when its script does not decide).
    public static func resolve(_ language: String, for text: String) -> String {
        language.lowercased() == automatic ? (name(of: text) ?? "English") : language
    }
}
