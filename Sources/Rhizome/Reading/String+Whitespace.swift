import Foundation

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

extension String {
    /// Unicode NFC (precomposed, canonical): one spelling for `é` whether it arrived as one scalar or as
    /// `e` and a combining accent. ASCII text is returned as it is without a table look-up.
    var canonicallyComposed: String {
        utf8.allSatisfy { $0 < 0x80 } ? self : precomposedStringWithCanonicalMapping
    }
}
