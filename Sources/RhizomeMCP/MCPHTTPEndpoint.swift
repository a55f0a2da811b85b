import Foundation
import Logging
import MCP

/// MCP over streamable HTTP, stateless: each POSTed JSON-RPC message is answered in its own HTTP response
/// (no session, no server-initiated messages; GET and DELETE are 405). The HTTP server that mounts it only
/// hands over method, headers and body, so no MCP type leaks into it.
public struct MCPHTTPEndpoint: Sendable {
    /// What to send back.
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: Body
    }

    public enum Body: Sendable {
        case empty
        case data(Data)
        case stream(AsyncThrowingStream<Data, any Error>)
    }

    let server: Server
    let transport: StatelessHTTPServerTransport

    /// Starts `server` on a stateless transport. `loopbackOnly` keeps the SDK's check that the Host and
    /// Origin headers name this machine (against DNS rebinding); a server bound beyond loopback is guarded
    /// by its API key instead.
    static func start(server: Server, loopbackOnly: Bool, logger: Logger) async throws -> MCPHTTPEndpoint {
        var validators: [any HTTPRequestValidator] = [AcceptHeaderValidator(mode: .jsonOnly), ContentTypeValidator(), ProtocolVersionValidator()]
        if loopbackOnly { validators.insert(OriginValidator.localhost(), at: 0) }
        let transport = StatelessHTTPServerTransport(validationPipeline: StandardValidationPipeline(validators: validators), logger: logger)
        try await server.start(transport: transport)
        return MCPHTTPEndpoint(server: server, transport: transport)
    }

    public func handle(method: String, headers: [String: String], body: Data?) async -> Reply {
        let response = await transport.handleRequest(HTTPRequest(method: method, headers: headers, body: body, path: "/mcp"))
        let body: Body = switch response {
        case .stream(let stream, _): .stream(stream)
        default: response.bodyData.map(Body.data) ?? .empty
        }
        return Reply(status: response.statusCode, headers: response.headers, body: body)
    }

    public func stop() async { await server.stop() }
}
