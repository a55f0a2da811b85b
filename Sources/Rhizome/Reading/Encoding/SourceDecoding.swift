/// A file's bytes decoded to UTF-8 for a parser, with the encoding used and what the user should know.
struct DecodedSource: Sendable {
    var utf8: [UInt8]
    var encoding: EncodingChoice
    /// One line each, e.g. bytes that could not be decoded.
    var warnings: [String]

    var text: String { String(decoding: utf8, as: UTF8.self) }
}

extension Transcoder {
    /// Decodes `bytes` by `choice`. A few undecodable sequences become U+FFFD with a warning; when they
    /// make up a tenth of the text or more, the bytes are not in that encoding at all and reading fails.
    static func decode(_ bytes: [UInt8], by choice: EncodingChoice) throws(ReadingError) -> DecodedSource {
        let body = Array(bytes[min(choice.skip, bytes.count)...])
        let decoded: TranscodedText
        do {
            decoded = try decode(body, from: choice.name)
        } catch {
            throw .undecodable("the C library cannot decode \(choice.name)")
        }
        var warnings: [String] = []
        if decoded.replacements > 0 {
            let characters = decoded.text.unicodeScalars.count
            let reason = choice.basis == .byteOrderMark ? "despite the byte-order mark" : "(\(choice.basis.rawValue))"
            guard decoded.replacements * 10 < characters else {
                throw .undecodable("bytes are not valid \(choice.name) \(reason): \(decoded.replacements) of "
                    + "\(characters) characters undecodable")
            }
            warnings.append("\(decoded.replacements) byte sequence\(decoded.replacements == 1 ? " is" : "s are") "
                + "not valid \(choice.name) and became U+FFFD")
        }
        return DecodedSource(utf8: decoded.utf8, encoding: choice, warnings: warnings)
    }
}
