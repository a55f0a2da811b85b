import Foundation
import Hummingbird
import Rhizome

/// A `text/event-stream` response written as it goes: `event: NAME` and one `data:` line of JSON each.
enum ServerSentEvents {
    /// Sends one event.
    typealias Send = (_ event: String, _ value: any Encodable) async throws -> Void

    static func response(_ produce: @escaping @Sendable (Send) async throws -> Void) -> Response {
        Response(status: .ok,
                 headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"],
                 body: ResponseBody { writer in
                     try await produce { event, value in
                         try await writer.write(ByteBuffer(string: try line(event, value)))
                     }
                     try await writer.finish(nil)
                 })
    }

    static func line(_ event: String, _ value: any Encodable) throws -> String {
        "event: \(event)\ndata: \(String(decoding: try MachineJSON.encoder(pretty: false).encode(value), as: UTF8.self))\n\n"
    }
}
