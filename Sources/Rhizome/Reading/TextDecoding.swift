import Foundation

/// Character-encoding detection and decoding shared by the readers.
enum TextDecoding {
    /// A byte-order mark and the encoding it announces.
    static func byteOrderMark(_ bytes: [UInt8]) -> (encoding: String, length: Int)? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return ("UTF-8", 3) }
        if bytes.starts(with: [0xFF, 0xFE]) { return ("UTF-16LE", 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return ("UTF-16BE", 2) }
        return nil
    }

    static func isValidUTF8(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// True when the bytes hold NUL (outside UTF-16) in their first 8 KiB: not a text document.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        if let bom = byteOrderMark(bytes), bom.encoding.hasPrefix("UTF-16") { return false }
        return bytes.prefix(8192).contains(0)
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

    /// Decodes plain text: BOM, else UTF-8, else Windows-1252.
    static func decodePlainText(_ bytes: [UInt8]) throws(ReadingError) -> String {
        if let bom = byteOrderMark(bytes) {
            let body = Data(bytes[bom.length...])
            let encoding: String.Encoding = switch bom.encoding {
            case "UTF-16LE": .utf16LittleEndian
            case "UTF-16BE": .utf16BigEndian
            default: .utf8
            }
            guard let text = String(data: body, encoding: encoding) else {
                throw .undecodable("bytes are not valid \(bom.encoding) despite the byte-order mark")
            }
            return text
        }
        if isValidUTF8(bytes) { return String(decoding: bytes, as: UTF8.self) }
        guard let text = String(data: Data(bytes), encoding: .windowsCP1252) else {
            throw .undecodable("neither valid UTF-8 nor Windows-1252")
        }
        return text
    }
}

extension String {
    /// Runs of whitespace (including no-break spaces) folded to one space, ends trimmed.
    var collapsingWhitespace: String {
        var result: [UInt8] = []
        result.reserveCapacity(utf8.count)
        var pendingSpace = false
        for scalar in unicodeScalars {
            if scalar.isFastWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace { result.append(0x20) }
            pendingSpace = false
            if scalar.isASCII {
                result.append(UInt8(scalar.value))
            } else {
                UTF8.encode(scalar) { result.append($0) }
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}

extension Unicode.Scalar {
    /// `properties.isWhitespace`, answered without a table look-up for ASCII.
    var isFastWhitespace: Bool {
        switch value {
        case 0x09...0x0D, 0x20: true
        case 0..<0x80: false
        default: properties.isWhitespace
        }
    }
}
