/// The character encoding chosen for a file and what decided it.
struct EncodingChoice: Equatable, Sendable {
    enum Basis: String, Sendable { case byteOrderMark, declared, sniffed, fallback }

    /// An iconv name (`UTF-8`, `UTF-16LE`, `CP949`, …), or `windows-1252`, which Rhizome decodes itself.
    var name: String
    var basis: Basis
    /// Bytes of byte-order mark to skip before decoding.
    var skip: Int = 0
}

/// Chooses how to decode a file's bytes: a byte-order mark, then what the document declares, then what
/// the bytes themselves show (UTF-8, UTF-16/32 without a mark, legacy Korean, Japanese and Chinese
/// encodings), and Windows-1252 as the last resort, as browsers do.
enum EncodingDetector {
    /// The encoding for HTML: BOM, then `<meta charset>`, then sniffing.
    static func forHTML(_ bytes: [UInt8]) -> EncodingChoice {
        if let mark = byteOrderMark(bytes) { return mark }
        if let wide = sniffWideUnicode(bytes) { return EncodingChoice(name: wide, basis: .sniffed) }
        if let declared = declaredHTMLCharset(bytes).flatMap(canonicalName), !declared.hasPrefix("UTF-16") {
            return EncodingChoice(name: declared, basis: .declared)
        }
        return sniffNarrow(bytes)
    }

    /// The encoding for XML: BOM, then the XML declaration's, then sniffing.
    static func forXML(_ bytes: [UInt8]) -> EncodingChoice {
        if let mark = byteOrderMark(bytes) { return mark }
        if let wide = sniffWideUnicode(bytes) { return EncodingChoice(name: wide, basis: .sniffed) }
        if let declared = declaredXMLEncoding(bytes).flatMap(canonicalName), !declared.hasPrefix("UTF-16") {
            return EncodingChoice(name: declared, basis: .declared)
        }
        return sniffNarrow(bytes)
    }

    /// The encoding for plain text and Markdown: BOM, then sniffing.
    static func forText(_ bytes: [UInt8]) -> EncodingChoice {
        if let mark = byteOrderMark(bytes) { return mark }
        if let wide = sniffWideUnicode(bytes) { return EncodingChoice(name: wide, basis: .sniffed) }
        return sniffNarrow(bytes)
    }

    /// A byte-order mark and the encoding it announces (UTF-32 marks are tested before UTF-16's).
    static func byteOrderMark(_ bytes: [UInt8]) -> EncodingChoice? {
        let marks: [([UInt8], String)] = [
            ([0xEF, 0xBB, 0xBF], "UTF-8"), ([0xFF, 0xFE, 0x00, 0x00], "UTF-32LE"), ([0x00, 0x00, 0xFE, 0xFF], "UTF-32BE"),
            ([0xFF, 0xFE], "UTF-16LE"), ([0xFE, 0xFF], "UTF-16BE"),
        ]
        for (mark, name) in marks where bytes.starts(with: mark) {
            return EncodingChoice(name: name, basis: .byteOrderMark, skip: mark.count)
        }
        return nil
    }

    /// UTF-8 when the bytes are valid UTF-8, else a legacy CJK encoding the bytes fit, else Windows-1252.
    static func sniffNarrow(_ bytes: [UInt8]) -> EncodingChoice {
        if isValidUTF8(bytes) { return EncodingChoice(name: "UTF-8", basis: .sniffed) }
        if let legacy = LegacyCJKSniffer.bestEncoding(for: bytes) { return EncodingChoice(name: legacy, basis: .sniffed) }
        return EncodingChoice(name: "windows-1252", basis: .fallback)
    }

    /// UTF-32 or UTF-16 without a byte-order mark, recognised by NUL bytes that decode cleanly as one of
    /// them (the byte order with more NULs in the high bytes is tried first).
    static func sniffWideUnicode(_ bytes: [UInt8]) -> String? {
        let sample = Array(bytes.prefix(8192))
        guard sample.count >= 16, sample.contains(0) else { return nil }
        let zerosAtOdd = stride(from: 1, to: sample.count, by: 2).count { sample[$0] == 0 }
        let zerosAtEven = stride(from: 0, to: sample.count, by: 2).count { sample[$0] == 0 }
        let order = zerosAtOdd >= zerosAtEven
            ? ["UTF-32LE", "UTF-32BE", "UTF-16LE", "UTF-16BE"] : ["UTF-32BE", "UTF-32LE", "UTF-16BE", "UTF-16LE"]
        return order.first { decodesAsText(sample, wide: $0) }
    }

    /// Whether `sample` (possibly cut mid-character at its end) is clean text in the wide encoding `name`:
    /// valid scalars, no NUL and no control characters other than tab and line breaks.
    private static func decodesAsText(_ sample: [UInt8], wide name: String) -> Bool {
        let unit = name.hasPrefix("UTF-32") ? 4 : 2
        let little = name.hasSuffix("LE")
        let count = sample.count / unit * unit
        guard count >= unit else { return false }
        var scalars: [UInt32] = []
        scalars.reserveCapacity(count / unit)
        var index = 0
        while index < count {
            var value: UInt32 = 0
            for offset in 0..<unit {
                let byte = UInt32(sample[index + (little ? unit - 1 - offset : offset)])
                value = value << 8 | byte
            }
            scalars.append(value)
            index += unit
        }
        if unit == 2 {
            var utf16 = scalars.map { UInt16($0) }
            // A surrogate pair cut by the sample's end is not an error.
            if let last = utf16.last, (0xD800...0xDBFF).contains(last) { utf16.removeLast() }
            var iterator = utf16.makeIterator()
            var decoder = UTF16()
            while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar): if !isText(scalar) { return false }
                case .emptyInput: return true
                case .error: return false
                }
            }
        }
        return scalars.allSatisfy { Unicode.Scalar($0).map(isText) ?? false }
    }

    /// Not a control character other than tab and line breaks, and assigned in Unicode.
    private static func isText(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 { return value == 0x09 || value == 0x0A || value == 0x0D }
        return scalar.properties.generalCategory != .unassigned
    }

    /// Whether `bytes` are well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let count = buffer.count
            while index < count {
                let lead = buffer[index]
                if lead < 0x80 { index += 1; continue }
                let length: Int
                var low: UInt8 = 0x80, high: UInt8 = 0xBF
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; low = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; high = 0x9F
                case 0xF0: length = 4; low = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; high = 0x8F
                default: return false
                }
                guard index + length <= count, (low...high).contains(buffer[index + 1]) else { return false }
                for offset in 2..<max(2, length) where buffer[index + offset] & 0xC0 != 0x80 { return false }
                index += length
            }
            return true
        }
    }

    /// The name Rhizome decodes a declared charset label with: Latin-1 and ASCII labels mean Windows-1252
    /// and the Korean, Japanese and Chinese labels their Windows supersets, as in browsers; other labels
    /// are kept when iconv knows them, else ignored.
    static func canonicalName(_ label: String) -> String? {
        let lower = label.lowercased().trimmingCharacters(in: .whitespaces)
        switch lower {
        case "utf-8", "utf8", "unicode-1-1-utf-8": return "UTF-8"
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252",
             "x-cp1252", "iso_8859-1": return "windows-1252"
        case "euc-kr", "euckr", "ks_c_5601-1987", "ks_c_5601", "korean", "cp949", "windows-949", "uhc": return "CP949"
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j", "cp932": return "CP932"
        case "euc-jp", "eucjp", "x-euc-jp": return "EUC-JP"
        case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "chinese": return "GB18030"
        case "big5", "big5-hkscs", "x-x-big5": return "BIG5-HKSCS"
        case "utf-16", "utf-16le", "utf-16be": return lower.uppercased()
        default: return Transcoder.knows(label) ? label : nil
        }
    }

    /// The charset declared by a `<meta charset>` or `<meta http-equiv content="…; charset=…">` near the top.
    static func declaredHTMLCharset(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
        var searchStart = head.startIndex
        while let meta = head.range(of: "<meta", range: searchStart..<head.endIndex) {
            let tagEnd = head[meta.upperBound...].firstIndex(of: ">") ?? head.endIndex
            let tag = head[meta.upperBound..<tagEnd]
            if let charset = tag.range(of: "charset") {
                var rest = tag[charset.upperBound...].drop { $0 == " " }
                if rest.first == "=" {
                    rest = rest.dropFirst().drop { $0 == " " || $0 == "\"" || $0 == "'" }
                    let value = rest.prefix { !" \"';/>".contains($0) }
                    if !value.isEmpty { return String(value) }
                }
            }
            searchStart = tagEnd
        }
        return nil
    }

    /// The `encoding` of an `<?xml …?>` declaration at the start.
    static func declaredXMLEncoding(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(256), as: UTF8.self)
        guard head.hasPrefix("<?xml"), let end = head.range(of: "?>") else { return nil }
        let declaration = head[..<end.lowerBound]
        guard let key = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix { $0 != quote }
        return value.isEmpty ? nil : String(value)
    }
}
