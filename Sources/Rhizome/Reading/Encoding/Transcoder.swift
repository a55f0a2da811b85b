#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text decoded to UTF-8, and how many byte sequences could not be decoded (each became U+FFFD).
struct TranscodedText: Sendable {
    var utf8: [UInt8]
    var replacements: Int

    var text: String { String(decoding: utf8, as: UTF8.self) }
}

/// Decodes bytes of a named encoding into UTF-8 with the C library's iconv, never giving up on a bad
/// byte: an invalid sequence becomes U+FFFD and decoding goes on. Windows-1252 is decoded here, as the
/// WHATWG Encoding Standard defines it (the five bytes the code page leaves undefined map to U+0081,
/// U+008D, U+008F, U+0090 and U+009D instead of stopping the text).
enum Transcoder {
    /// Why bytes could not be decoded at all.
    enum Failure: Error, Equatable { case unknownEncoding(String) }

    /// Whether iconv can decode `name`.
    static func knows(_ name: String) -> Bool {
        if name.lowercased() == "windows-1252" { return true }
        let descriptor = iconv_open("UTF-8", name)
        guard descriptor != iconv_t(bitPattern: -1) else { return false }
        iconv_close(descriptor)
        return true
    }

    /// `bytes` decoded from `encoding` to UTF-8.
    static func decode(_ bytes: [UInt8], from encoding: String) throws(Failure) -> TranscodedText {
        switch encoding.uppercased() {
        case "UTF-8":
            return decodeUTF8(bytes)
        case "WINDOWS-1252":
            return TranscodedText(utf8: decodeWindows1252(bytes), replacements: 0)
        default:
            return try decodeWithIconv(bytes, from: encoding)
        }
    }

    /// UTF-8 with every invalid sequence replaced, as `String(decoding:as:)` does, counting replacements.
    private static func decodeUTF8(_ bytes: [UInt8]) -> TranscodedText {
        if EncodingDetector.isValidUTF8(bytes) { return TranscodedText(utf8: bytes, replacements: 0) }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var replacements = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): UTF8.encode(scalar) { output.append($0) }
            case .emptyInput: break loop
            case .error:
                replacements += 1
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
            }
        }
        return TranscodedText(utf8: output, replacements: replacements)
    }

    /// Code points for bytes 0x80–0x9F; every other byte is its own code point (Latin-1).
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
        0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    static func decodeWindows1252(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 { output.append(byte); continue }
            let value = (0x80...0x9F).contains(byte) ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
            UTF8.encode(Unicode.Scalar(value)!) { output.append($0) }
        }
        return output
    }

    private static func decodeWithIconv(_ bytes: [UInt8], from encoding: String) throws(Failure) -> TranscodedText {
        let descriptor = iconv_open("UTF-8", encoding)
        guard descriptor != iconv_t(bitPattern: -1) else { throw .unknownEncoding(encoding) }
        defer { iconv_close(descriptor) }
        var output = [UInt8](repeating: 0, count: max(64, bytes.count * 2 + 16))
        var written = 0
        var replacements = 0
        var input = bytes
        input.withUnsafeMutableBufferPointer { source in
            var inPointer = source.baseAddress.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self) }
            var inLeft = source.count
            while inLeft > 0 {
                let status = output.withUnsafeMutableBufferPointer { target -> (Int, Int32) in
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(target.baseAddress! + written)
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = target.count - written
                    let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    written = target.count - outLeft
                    return (result, result == -1 ? errno : 0)
                }
                guard status.0 == -1 else { break }
                switch status.1 {
                case E2BIG:
                    output += [UInt8](repeating: 0, count: output.count)
                case EILSEQ, EINVAL:
                    // An invalid sequence (or one cut off at the end): one replacement, skip one byte.
                    replacements += 1
                    if output.count - written < 3 { output += [UInt8](repeating: 0, count: output.count) }
                    output.replaceSubrange(written..<(written + 3), with: [0xEF, 0xBF, 0xBD])
                    written += 3
                    inPointer = inPointer.map { $0 + 1 }
                    inLeft -= 1
                default:
                    inLeft = 0
                }
            }
        }
        output.removeSubrange(written...)
        return TranscodedText(utf8: output, replacements: replacements)
    }
}
