import Foundation

/// The last way to keep a file's text when a parser gave up part-way (nesting or a text node beyond its
/// limits): markup is stripped in one pass over the bytes, without recursion and without expanding
/// declared entities. Tags separate text; comments, processing instructions, the DOCTYPE and the
/// contents of `script`/`style` are dropped; character references and HTML named entities are decoded.
enum MarkupTextRecovery {
    /// More tags than this are not parsed into a tree: a tree of millions of elements costs gigabytes
    /// (a 50 MB table of 700,000 rows peaked at 1.5 GB), so such files are read as text in one pass.
    static let maximumTags = 600_000

    /// The warning when a file is read as text because of its size in tags, or nil when it is small enough.
    static func tooManyTags(_ utf8: [UInt8]) -> String? {
        var tags = 0
        for byte in utf8 where byte == UInt8(ascii: "<") {
            tags += 1
            if tags > maximumTags { break }
        }
        guard tags > maximumTags else { return nil }
        return "more than \(maximumTags.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))) tags: "
            + "read as plain text in one pass to bound memory (tables become lines of cells)"
    }

    /// Blocks of `utf8` read as text (paragraphs of lines).
    static func blocks(of utf8: [UInt8]) -> [Block] {
        paragraphs(of: utf8).map { Block(kind: .paragraph, text: $0, headingPath: []) }
    }

    /// Paragraphs of the visible text of `utf8`, one per run of text between tags (runs on one line are
    /// joined), each at most `maximumParagraph` characters long.
    static func paragraphs(of utf8: [UInt8], maximumParagraph: Int = 4000) -> [String] {
        var paragraphs: [String] = []
        var current: [UInt8] = []
        func endParagraph() {
            let text = decodeReferences(String(decoding: current, as: UTF8.self)).collapsingWhitespace
            current.removeAll(keepingCapacity: true)
            guard !text.isEmpty else { return }
            if let last = paragraphs.last, last.count + text.count < maximumParagraph / 4 {
                paragraphs[paragraphs.count - 1] = last + "\n" + text
            } else {
                paragraphs.append(text)
            }
        }
        var index = 0
        let count = utf8.count
        while index < count {
            let byte = utf8[index]
            guard byte == UInt8(ascii: "<") else {
                current.append(byte)
                // A long run ends at a space, or anywhere between characters when it has none.
                if current.count >= maximumParagraph * 2, byte == 0x20 || current.count >= maximumParagraph * 4,
                   index + 1 >= count || utf8[index + 1] & 0xC0 != 0x80 {
                    endParagraph()
                }
                index += 1
                continue
            }
            switch tagRole(utf8, at: index) {
            case .inline: break
            case .cell: if !current.isEmpty { current.append(contentsOf: Array(" | ".utf8)) }
            case .block: endParagraph()
            }
            index = skipMarkup(utf8, at: index)
        }
        endParagraph()
        return paragraphs
    }

    private enum TagRole { case inline, cell, block }

    private static let inlineTags: Set<String> = [
        "a", "b", "i", "u", "em", "strong", "span", "code", "tt", "var", "kbd", "samp", "small", "sub", "sup", "abbr",
        "acronym", "cite", "q", "mark", "font", "emphasis", "literal", "command", "option", "filename", "application",
    ]

    /// Whether the tag at `start` keeps words together (inline), separates table cells, or ends a block.
    private static func tagRole(_ utf8: [UInt8], at start: Int) -> TagRole {
        var index = start + 1
        if index < utf8.count, utf8[index] == UInt8(ascii: "/") { index += 1 }
        var name: [UInt8] = []
        while index < utf8.count, name.count < 16, (0x41...0x5A).contains(utf8[index]) || (0x61...0x7A).contains(utf8[index])
                || (0x30...0x39).contains(utf8[index]) {
            name.append(asciiLower(utf8[index]))
            index += 1
        }
        let tag = String(decoding: name, as: UTF8.self)
        if inlineTags.contains(tag) { return .inline }
        if (tag == "td" || tag == "th" || tag == "entry") && utf8[start + 1] != UInt8(ascii: "/") { return .cell }
        if tag == "td" || tag == "th" || tag == "entry" { return .inline }
        return .block
    }

    /// The index just after the markup construct starting at `start` (a `<`).
    private static func skipMarkup(_ utf8: [UInt8], at start: Int) -> Int {
        func starts(_ prefix: String, at index: Int) -> Bool {
            let bytes = Array(prefix.utf8)
            guard index + bytes.count <= utf8.count else { return false }
            for offset in 0..<bytes.count where asciiLower(utf8[index + offset]) != bytes[offset] { return false }
            return true
        }
        if starts("<!--", at: start) { return find("-->", in: utf8, from: start + 4) }
        if starts("<![cdata[", at: start) { return start + 9 }
        if starts("<?", at: start) { return find("?>", in: utf8, from: start + 2) }
        if starts("<!doctype", at: start) { return skipDoctype(utf8, from: start) }
        for raw in ["script", "style"] where starts("<" + raw, at: start) {
            return find("</" + raw, in: utf8, from: start + raw.count + 1, caseInsensitive: true)
        }
        var index = start + 1
        var quote: UInt8?
        while index < utf8.count {
            let byte = utf8[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index + 1
            }
            index += 1
        }
        return index
    }

    private static func skipDoctype(_ utf8: [UInt8], from start: Int) -> Int {
        var depth = 0
        var index = start
        while index < utf8.count {
            switch utf8[index] {
            case UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: ">") where depth <= 0: return index + 1
            default: break
            }
            index += 1
        }
        return index
    }

    /// The index after the first `needle` at or after `from` (a `]]>` left by CDATA is harmless text).
    private static func find(_ needle: String, in utf8: [UInt8], from: Int, caseInsensitive: Bool = false) -> Int {
        let bytes = Array(needle.utf8)
        var index = from
        while index + bytes.count <= utf8.count {
            var matches = true
            for offset in 0..<bytes.count {
                let byte = caseInsensitive ? asciiLower(utf8[index + offset]) : utf8[index + offset]
                if byte != bytes[offset] { matches = false; break }
            }
            if matches { return index + bytes.count }
            index += 1
        }
        return utf8.count
    }

    private static func asciiLower(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }

    /// `&#233;`, `&#xE9;`, the five XML entities and the HTML named ones decoded; others left as written.
    static func decodeReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semicolon = after.prefix(32).firstIndex(of: ";") else {
                result += "&"
                rest = after
                continue
            }
            let name = String(after[..<semicolon])
            if let decoded = decodeReference(name) {
                result += decoded
            } else {
                result += "&" + name + ";"
            }
            rest = after[after.index(after: semicolon)...]
        }
        return result + rest
    }

    private static func decodeReference(_ name: String) -> String? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
        if name.hasPrefix("#") { return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) } }
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default: return LibXML2Parser.htmlEntity(named: name)
        }
    }
}
