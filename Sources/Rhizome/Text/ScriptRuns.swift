/// A run of characters of one kind of script, with its UTF-8 byte range.
struct ScriptRun {
    enum Script: Equatable {
        /// Letters of scripts written with spaces (Latin, Greek, Cyrillic…), digits and their marks.
        case alphanumeric
        case hangul
        /// Han, Hiragana and Katakana (Japanese mixes them within a word).
        case ideographic
    }

    var script: Script
    var start: Int
    var end: Int
    var text: String
    /// Each character with its byte range (filled for Hangul and ideographic runs only).
    var characters: [(text: String, start: Int, end: Int)]
}

/// Splits UTF-8 text into runs wherever the script changes and at everything that is not a letter or a
/// digit (spaces, punctuation, symbols, emoji).
struct ScriptRuns: Sequence {
    let utf8: UnsafeBufferPointer<UInt8>

    init(_ utf8: UnsafeBufferPointer<UInt8>) { self.utf8 = utf8 }

    func makeIterator() -> AnyIterator<ScriptRun> {
        var index = 0
        let bytes = utf8
        return AnyIterator {
            var current: ScriptRun?
            while index < bytes.count {
                let (scalar, length) = Self.decode(bytes, at: index)
                let script = Self.script(of: scalar)
                if let run = current, script != run.script {
                    // A combining mark continues the word it follows.
                    if run.script == .alphanumeric, scalar.properties.generalCategory == .nonspacingMark {
                        current?.end = index + length
                        current?.text.unicodeScalars.append(scalar)
                        index += length
                        continue
                    }
                    return run
                }
                index += length
                guard let script else { continue }
                if current == nil {
                    current = ScriptRun(script: script, start: index - length, end: index, text: "", characters: [])
                }
                current?.end = index
                current?.text.unicodeScalars.append(scalar)
                if script != .alphanumeric {
                    current?.characters.append((String(Character(scalar)), index - length, index))
                }
            }
            defer { current = nil }
            return current
        }
    }

    /// The script a scalar belongs to, or nil for a separator.
    static func script(of scalar: Unicode.Scalar) -> ScriptRun.Script? {
        let value = scalar.value
        if value < 0x80 {
            switch value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return .alphanumeric
            default: return nil
            }
        }
        switch value {
        case 0xAC00...0xD7A3, 0x1100...0x11FF, 0x3130...0x318F, 0xA960...0xA97F, 0xD7B0...0xD7FF: return .hangul
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F, 0x3005, 0x3007, 0x4E00...0x9FFF, 0x3400...0x4DBF,
             0xF900...0xFAFF, 0x20000...0x2FFFF: return .ideographic
        default:
            let properties = scalar.properties
            if properties.isAlphabetic || properties.generalCategory == .decimalNumber { return .alphanumeric }
            return nil
        }
    }

    /// The scalar at `index` and its length in bytes; an invalid byte reads as U+FFFD of length 1.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        guard length > 1, index + length <= bytes.count else { return ("\u{FFFD}", 1) }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return ("\u{FFFD}", 1) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}
