import Foundation
import Hummingbird
import MultipartKit

/// The files of a `multipart/form-data` body, parsed with MultipartKit.
struct UploadedFile: Sendable {
    /// The file name the client gave, reduced to a safe last component.
    var name: String
    var bytes: [UInt8]
}

enum MultipartUpload {
    /// Every part with a file name, in order; fails on a body that is not multipart or has no file.
    static func files(in body: ByteBuffer, contentType: String?) throws -> [UploadedFile] {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data"),
              let boundary = parameter("boundary", in: contentType) else {
            throw APIError.badRequest("upload files as multipart/form-data (a `file` field per file)")
        }
        let parser = MultipartParser(boundary: boundary)
        var files: [UploadedFile] = []
        var name: String?
        var bytes: [UInt8] = []
        parser.onHeader = { field, value in
            if field.lowercased() == "content-disposition" { name = parameter("filename", in: value) }
        }
        parser.onBody = { buffer in bytes.append(contentsOf: buffer.readableBytesView) }
        parser.onPartComplete = {
            if let given = name { files.append(UploadedFile(name: given, bytes: bytes)) }
            (name, bytes) = (nil, [])
        }
        do { try parser.execute(body) } catch {
            throw APIError.badRequest("the multipart body could not be read: \(error)")
        }
        guard !files.isEmpty else { throw APIError.badRequest("the upload holds no file (a part with a filename)") }
        return try files.map { UploadedFile(name: try safeName($0.name), bytes: $0.bytes) }
    }

    /// `value` of `key=value` or `key="value"` in a header's parameters.
    static func parameter(_ key: String, in header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == key else { continue }
            let value = pair[1]
            return value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 ? String(value.dropFirst().dropLast()) : value
        }
        return nil
    }

    /// A client's file name as a label under `uploads/` in the store: a bare name, refused when it
    /// holds a path separator, `..`, a control character, or nothing.
    static func safeName(_ given: String) throws -> String {
        let refused = given.isEmpty || given == "." || given.contains("..") || given.contains("/") || given.contains("\\")
            || given.unicodeScalars.contains { CharacterSet.controlCharacters.contains($0) } || given.utf8.count > 255
        guard !refused else { throw APIError.badRequest("the file name '\(given)' is not a bare file name") }
        return given
    }
}
