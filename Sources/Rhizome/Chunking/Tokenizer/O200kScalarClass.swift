/// The classes of Unicode scalars that o200k_base's pre-tokenization pattern distinguishes, as bit flags.
///
/// The pattern (`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+…`) only ever asks
/// which of these sets a scalar is in, so one flag word per scalar is enough to run it.
struct O200kScalarClass: OptionSet {
    let rawValue: UInt32

    static let newline = O200kScalarClass(rawValue: 1 << 0)       // \r \n
    static let space = O200kScalarClass(rawValue: 1 << 1)         // U+0020
    static let otherSpace = O200kScalarClass(rawValue: 1 << 2)    // the rest of White_Space
    static let number = O200kScalarClass(rawValue: 1 << 3)        // \p{N}
    static let apostrophe = O200kScalarClass(rawValue: 1 << 4)
    static let slash = O200kScalarClass(rawValue: 1 << 5)
    static let punctuation = O200kScalarClass(rawValue: 1 << 6)   // anything else
    static let mark = O200kScalarClass(rawValue: 1 << 7)          // \p{M}
    static let upperLetter = O200kScalarClass(rawValue: 1 << 8)   // Lu Lt Lm Lo
    static let lowerLetter = O200kScalarClass(rawValue: 1 << 9)   // Ll Lm Lo
    static let letter = O200kScalarClass(rawValue: 1 << 10)       // \p{L}

    static let whitespace: O200kScalarClass = [.newline, .space, .otherSpace]
    static let upperRun: O200kScalarClass = [.upperLetter, .mark]
    static let lowerRun: O200kScalarClass = [.lowerLetter, .mark]
    /// `[^\r\n\p{L}\p{N}]`: the optional one-scalar prefix of a word.
    static let wordPrefix: O200kScalarClass = [.space, .otherSpace, .apostrophe, .slash, .punctuation, .mark]
    /// `[^\s\p{L}\p{N}]`: punctuation runs.
    static let symbol: O200kScalarClass = [.apostrophe, .slash, .punctuation, .mark]

    /// Bits 16–19: which contraction letter the scalar case-folds to (0 = none).
    static let foldShift: UInt32 = 16
    /// Bits 24–26: the scalar's UTF-8 length.
    static let lengthShift: UInt32 = 24

    var foldedLetter: UInt32 { (rawValue >> Self.foldShift) & 0xF }
    var utf8Length: Int { Int((rawValue >> Self.lengthShift) & 0x7) }

    /// Contraction letters, numbered from 1 in the order of `foldedLetter`.
    static let contractionLetters: [UInt8] = Array("stmdlvre".utf8)

    static func classify(_ scalar: Unicode.Scalar) -> O200kScalarClass {
        var flags = baseClass(scalar).rawValue
        flags |= foldCode(scalar) << foldShift
        flags |= UInt32(UTF8.width(scalar)) << lengthShift
        return O200kScalarClass(rawValue: flags)
    }

    private static func baseClass(_ scalar: Unicode.Scalar) -> O200kScalarClass {
        switch scalar.value {
        case 0x0A, 0x0D: return .newline
        case 0x20: return .space
        case 0x27: return .apostrophe
        case 0x2F: return .slash
        default: break
        }
        let category = scalar.properties.generalCategory
        switch category {
        case .decimalNumber, .letterNumber, .otherNumber: return .number
        default: break
        }
        if isRegexWhitespace(scalar.value) { return .otherSpace }
        switch category {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .mark
        case .uppercaseLetter, .titlecaseLetter: return [.letter, .upperLetter]
        case .lowercaseLetter: return [.letter, .lowerLetter]
        case .modifierLetter, .otherLetter: return [.letter, .upperLetter, .lowerLetter]
        default: return .punctuation
        }
    }

    /// `\s` in the reference regex engine is the Unicode White_Space property.
    private static func isRegexWhitespace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09, 0x0B, 0x0C, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Case-insensitive contraction matching folds these letters; U+017F (long s) folds to `s`.
    private static func foldCode(_ scalar: Unicode.Scalar) -> UInt32 {
        var value = scalar.value
        if value == 0x17F { value = 0x73 }
        guard value < 0x80 else { return 0 }
        let lower = UInt8(value) | 0x20
        guard (0x61...0x7A).contains(lower), let index = contractionLetters.firstIndex(of: lower) else { return 0 }
        return UInt32(index + 1)
    }
}
