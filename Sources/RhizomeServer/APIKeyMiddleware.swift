import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// Every route but the explorer's static files needs the key when one is set: `Authorization: Bearer KEY` or `X-API-Key: KEY`. The
/// comparison is of SHA-256 digests, so its time does not depend on how much of the key was right.
struct APIKeyMiddleware<Context: RequestContext>: RouterMiddleware {
    let expected: [UInt8]

    init(key: String) { expected = Array(SHA256.hash(data: Data(key.utf8))) }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // The explorer's three static files hold no data; the page asks for the key and sends it with every call.
        if request.method == .get, ExplorerRoutes.files.contains(where: { $0.route == request.uri.path }) { return try await next(request, context) }
        guard let given = Self.key(in: request), Self.same(Array(SHA256.hash(data: Data(given.utf8))), expected) else {
            var response = JSONBody.error(.unauthorized, "this server needs its API key: send `Authorization: Bearer KEY` or `X-API-Key: KEY`")
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        return try await next(request, context)
    }

    /// Equal digests, compared in full whatever the first difference.
    static func same(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.count == b.count && zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func key(in request: Request) -> String? {
        if let key = request.headers[HTTPField.Name("X-API-Key")!] { return key }
        guard let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix("bearer ") else { return nil }
        return String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    }
}
