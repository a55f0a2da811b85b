import Foundation
import Hummingbird
import Rhizome

/// Enough of Ollama's API (`/api/tags`, `/api/version`, `/api/chat`) for chat front ends such as Open
/// WebUI to use the knowledge base as a model called `rhizome`. The last user message is the question;
/// a leading `/local`, `/global`, `/hybrid`, `/naive`, `/mix` or `/bypass` picks the mode, as in LightRAG.
struct OllamaRoutes {
    let knowledgeBase: KnowledgeBase
    let settings: ServerSettings
    static let modelName = "rhizome:latest"

    struct ChatBody: Decodable {
        var model: String?
        var messages: [ChatMessage]
        var stream: Bool?
    }

    struct ChatChunk: Encodable {
        var model: String
        var createdAt: String
        var message: ChatMessage
        var done: Bool
        var doneReason: String?
        var totalDuration: Int?
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/api/version") { _, _ in try JSONBody.response(["version": "0.9.0"]) }
        router.get("/api/tags") { _, _ in try JSONBody.response(tags()) }
        router.post("/api/chat") { request, _ in try await chat(request) }
    }

    func tags() -> [String: [[String: AnyEncodable]]] {
        let details: [String: AnyEncodable] = ["format": "rhizome", "family": "rhizome", "families": AnyEncodable(["rhizome"]),
                                              "parameter_size": "", "quantization_level": ""]
        return ["models": [["name": AnyEncodable(Self.modelName), "model": AnyEncodable(Self.modelName),
                            "modified_at": AnyEncodable(Self.timestamp()), "size": 0, "digest": AnyEncodable(String(repeating: "0", count: 64)),
                            "details": AnyEncodable(details)]]]
    }

    func chat(_ request: Request) async throws -> Response {
        let body = try await JSONBody.decode(ChatBody.self, from: request, limit: settings.maxRequestBytes)
        guard let lastIndex = body.messages.lastIndex(where: { $0.role == .user }) else { throw APIError.badRequest("messages hold no user message") }
        let (mode, question) = Self.mode(of: body.messages[lastIndex].content)
        var query = QueryRequest(query: question, mode: mode)
        query.history = body.messages[..<lastIndex].filter { $0.role != .system }
        let prepared = try await knowledgeBase.prepare(query)
        let answer = knowledgeBase.answer(prepared)
        let model = body.model ?? Self.modelName
        let clock = ContinuousClock()
        let start = clock.now
        guard body.stream ?? true else {
            var text = ""
            for try await piece in answer { text += piece }
            return try JSONBody.response(ChatChunk(model: model, createdAt: Self.timestamp(), message: ChatMessage(.assistant, text), done: true,
                                                   doneReason: "stop", totalDuration: Int((clock.now - start).milliseconds * 1e6)))
        }
        return Response(status: .ok, headers: [.contentType: "application/x-ndjson"], body: ResponseBody { writer in
            func line(_ chunk: ChatChunk) throws -> ByteBuffer {
                ByteBuffer(bytes: try MachineJSON.encoder(pretty: false).encode(chunk) + Data("\n".utf8))
            }
            for try await piece in answer {
                try await writer.write(try line(ChatChunk(model: model, createdAt: Self.timestamp(), message: ChatMessage(.assistant, piece), done: false)))
            }
            try await writer.write(try line(ChatChunk(model: model, createdAt: Self.timestamp(), message: ChatMessage(.assistant, ""), done: true,
                                                      doneReason: "stop", totalDuration: Int((clock.now - start).milliseconds * 1e6))))
            try await writer.finish(nil)
        })
    }

    /// `/local what is…` → (.local, "what is…"); no prefix: `mix`.
    static func mode(of message: String) -> (QueryMode, String) {
        let trimmed = message.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("/"), let space = trimmed.firstIndex(where: \.isWhitespace),
              let mode = QueryMode(rawValue: String(trimmed[trimmed.index(after: trimmed.startIndex)..<space]).lowercased()) else {
            return (.mix, trimmed)
        }
        return (mode, trimmed[space...].trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func timestamp() -> String { ISO8601DateFormatter().string(from: Date()) }
}

/// A JSON value of any encodable type, for small hand-built objects.
struct AnyEncodable: Encodable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    private let encodeValue: (any Encoder) throws -> Void

    init(_ value: some Encodable) { encodeValue = { try value.encode(to: $0) } }
    init(stringLiteral value: String) { self.init(value) }
    init(integerLiteral value: Int) { self.init(value) }

    func encode(to encoder: any Encoder) throws { try encodeValue(encoder) }
}
