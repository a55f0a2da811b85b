import Foundation

/// A client for Ollama's native API: `/api/chat` (NDJSON streaming) and `/api/embed`.
public struct OllamaClient: LanguageModel, EmbeddingModel {
    public let descriptor: ModelDescriptor
    public let dimension: Int
    let baseURL: URL
    let http: HTTPClient

    public init(baseURL: URL, model: String, dimension: Int = 0, timeout: Double = 300,
                retry: RetryPolicy = RetryPolicy(), limiter: ConcurrencyLimiter) {
        self.init(baseURL: baseURL, model: model, dimension: dimension, timeouts: .silence(timeout), retry: retry, limiter: limiter)
    }

    public init(baseURL: URL, model: String, dimension: Int = 0, timeouts: HTTPTimeouts,
                retry: RetryPolicy = RetryPolicy(), limiter: ConcurrencyLimiter) {
        descriptor = ModelDescriptor(provider: "ollama", model: model)
        self.baseURL = baseURL
        self.dimension = dimension
        http = HTTPClient(provider: "Ollama at \(baseURL.absoluteString)", timeouts: timeouts, retry: retry, limiter: limiter)
    }

    public func complete(_ request: ChatRequest) async throws -> String {
        let provider = http.provider
        let answer = try await http.post(baseURL.appendingPathComponent("api/chat"), json: body(request, stream: false)) { data in
            guard let answer = try? JSONDecoder().decode(ChatAnswer.self, from: data) else {
                throw ProviderError.malformedResponse(provider: provider, detail: "no message.content")
            }
            return answer
        }
        var thinking = ThinkingFilter()
        let visible = thinking.visible(answer.message.content) + thinking.finish()
        if answer.doneReason == "length" {
            throw ProviderError.incomplete(provider: provider, reason: "it reached its token limit (done_reason: length)",
                                           partial: visible)
        }
        return visible
    }

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<String, any Error> {
        stream(request, usage: { _ in })
    }

    public func stream(_ request: ChatRequest, usage: @escaping @Sendable (TokenUsage) -> Void) -> AsyncThrowingStream<String, any Error> {
        let url = baseURL.appendingPathComponent("api/chat")
        let body = body(request, stream: true)
        let provider = http.provider
        return .producing { yield in
            var answer = ""
            var last: ChatAnswer?
            var thinking = ThinkingFilter()
            for try await line in try await http.postStreamingLines(url, json: body) where !line.isEmpty {
                guard let piece = try? JSONDecoder().decode(ChatAnswer.self, from: Data(line.utf8)) else { continue }
                let visible = thinking.visible(piece.message.content)
                if !visible.isEmpty {
                    answer += visible
                    yield(visible)
                }
                last = piece
                if piece.done == true {
                    if let input = piece.promptEvalCount, let output = piece.evalCount { usage(TokenUsage(input: input, output: output)) }
                    break
                }
            }
            let rest = thinking.finish()
            if !rest.isEmpty { answer += rest; yield(rest) }
            if last?.doneReason == "length" {
                throw ProviderError.incomplete(provider: provider, reason: "it reached its token limit (done_reason: length)",
                                               partial: answer)
            }
            if last?.done != true {
                throw ProviderError.incomplete(provider: provider, reason: "the stream ended before done", partial: answer)
            }
        }
    }

    public func embed(_ texts: [String], as input: EmbeddingInput) async throws -> [[Float]] {
        guard !texts.isEmpty else { return [] }
        let body = try JSONSerialization.data(withJSONObject: ["model": descriptor.model, "input": texts] as [String: Any])
        let provider = http.provider
        let count = texts.count
        return try await http.post(baseURL.appendingPathComponent("api/embed"), json: body) { data in
            guard let answer = try? JSONDecoder().decode(Embeddings.self, from: data), answer.embeddings.count == count else {
                throw ProviderError.malformedResponse(provider: provider, detail: "expected \(count) vectors in embeddings[]")
            }
            return answer.embeddings
        }
    }

    private func body(_ request: ChatRequest, stream: Bool) -> Data {
        var options: [String: Any] = ["temperature": request.temperature]
        if let maxTokens = request.maxTokens { options["num_predict"] = maxTokens }
        if let penalty = request.repetitionPenalty { options["repeat_penalty"] = 1 + penalty }
        if !request.stop.isEmpty { options["stop"] = request.stop }
        var object: [String: Any] = [
            "model": descriptor.model,
            "messages": request.messages.map { ["role": $0.role.rawValue, "content": $0.content] },
            "stream": stream,
            "options": options,
        ]
        if request.jsonMode { object["format"] = "json" }
        if request.jsonSchema != nil { object["format"] = SchemaSplice.placeholder }
        return SchemaSplice.body(object, schema: request.jsonSchema)
    }

    private struct ChatAnswer: Decodable, Sendable {
        struct Message: Decodable, Sendable { let content: String }
        let message: Message
        let done: Bool?
        let doneReason: String?
        let promptEvalCount: Int?
        let evalCount: Int?
        enum CodingKeys: String, CodingKey {
            case message, done, doneReason = "done_reason", promptEvalCount = "prompt_eval_count", evalCount = "eval_count"
        }
    }

    private struct Embeddings: Decodable { let embeddings: [[Float]] }
}
