import Foundation
import Hummingbird
import Rhizome

/// JSON in and out of routes, with the library's key style (`MachineJSON`).
enum JSONBody {
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try MachineJSON.encoder(pretty: false).encode(value)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        struct Failure: Encodable { var error: Detail }
        struct Detail: Encodable { var status: Int; var message: String }
        let data = (try? MachineJSON.encoder(pretty: false).encode(Failure(error: Detail(status: status.code, message: message)))) ?? Data()
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The request's body as `T`, refusing one larger than `limit` bytes (413).
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
        let buffer = try await collect(request, limit: limit)
        guard buffer.readableBytes > 0 else { throw APIError.badRequest("the request needs a JSON body") }
        return try MachineJSON.decoder().decode(T.self, from: Data(buffer.readableBytesView))
    }

    /// The whole body, at most `limit` bytes.
    static func collect(_ request: Request, limit: Int) async throws -> ByteBuffer {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError(.contentTooLarge, "the request body is \(length) bytes; this server takes at most \(limit)")
        }
        do {
            return try await request.body.collect(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw APIError(.contentTooLarge, "the request body is larger than this server takes (\(limit) bytes)")
        }
    }

    /// A short account of a decoding failure: which key, what was wrong.
    static func summary(of error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "missing key '\(key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            context.codingPath.isEmpty ? context.debugDescription
                : "at '\(context.codingPath.map(\.stringValue).joined(separator: "."))': \(context.debugDescription)"
        @unknown default: "\(error)"
        }
    }
}
