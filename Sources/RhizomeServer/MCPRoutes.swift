import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RhizomeMCP

/// `/mcp`: the MCP server's tools and resources over streamable HTTP (stateless: one JSON answer per POST),
/// behind the same API key and body limit as every route.
struct MCPRoutes {
    let endpoint: MCPHTTPEndpoint
    let limit: Int

    func add(to router: Router<BasicRequestContext>) {
        for method in [HTTPRequest.Method.post, .get, .delete] {
            router.on("/mcp", method: method) { request, _ in try await respond(to: request) }
        }
    }

    private func respond(to request: Request) async throws -> Response {
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let body = request.method == .post ? Data(try await JSONBody.collect(request, limit: limit).readableBytesView) : nil
        let reply = await endpoint.handle(method: request.method.rawValue, headers: headers, body: body)
        var fields = HTTPFields()
        for (name, value) in reply.headers { if let name = HTTPField.Name(name) { fields[name] = value } }
        let status = HTTPResponse.Status(code: reply.status)
        switch reply.body {
        case .empty: return Response(status: status, headers: fields)
        case .data(let data): return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        case .stream(let stream):
            return Response(status: status, headers: fields, body: ResponseBody { writer in
                for try await piece in stream { try await writer.write(ByteBuffer(bytes: piece)) }
                try await writer.finish(nil)
            })
        }
    }
}
