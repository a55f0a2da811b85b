import Foundation

/// A client for the OpenAI protocol (`/chat/completions`, `/embeddings`, SSE streaming), which OpenAI,
/// vLLM, llama.cpp's server, LM Studio and Ollama's `/v1` all speak. `baseURL` includes the `/v1`.
public struct OpenAICompatibleClient: LanguageModel, EmbeddingModel {
    public let descriptor: ModelDescriptor
    public let dimension: Int
    let baseURL: URL
    let http: HTTPClient
    /// Sent as `dimensions` only when the user chose a dimension (models that cannot shorten refuse it).
    let requestedDimension: Int?

    public init(baseURL: URL, model: String, apiKey: String?, dimension: Int = 0, requestedDimension: Int? = nil,
                timeout: Double = 120, retry: RetryPolicy = RetryPolicy(), limiter: ConcurrencyLimiter) {
        self.init(baseURL: baseURL, model: model, apiKey: apiKey, dimension: dimension, requestedDimension: requestedDimension,
                  timeouts: .silence(timeout), retry: retry, limiter: limiter)
    }

    public init(baseURL: URL, model: String, apiKey: String?, dimension: Int = 0, requestedDimension: Int? = nil,
                timeouts: HTTPTimeouts, retry: RetryPolicy = RetryPolicy(), limiter: ConcurrencyLimiter) {
        descriptor = ModelDescriptor(provider: "openai", model: model)
        self.baseURL = baseURL
        self.dimension = requestedDimension ?? dimension
        self.requestedDimension = requestedDimension
        var headers: [String: String] = [:]
        if let apiKey, !apiKey.isEmpty { headers["Authorization"] = "Bearer \(apiKey)" }
        http = HTTPClient(provider: "OpenAI-compatible server at \(baseURL.absoluteString)", headers: headers,
                          timeouts: timeouts, retry: retry, limiter: limiter)
    }

    public func complete(_ request: ChatRequest) async throws -> String {
        let provider = http.provider
        let (content, finish) = try await http.post(baseURL.appendingPathComponent("chat/completions"),
                                                    json: body(request, stream: false)) { data in
            guard let answer = try? JSONDecoder().decode(Completion.self, from: data), let choice = answer.choices.first,
                  let content = choice.message.content else {
                throw ProviderError.malformedResponse(provider: provider, detail: "no choices[0].message.content")
            }
            return (content, choice.finishReason)
        }
        var thinking = ThinkingFilter()
        let visible = thinking.visible(content) + thinking.finish()
        if finish == "length" {
            throw ProviderError.incomplete(provider: provider, reason: "it reached its token limit (finish_reason: length)",
                                           partial: visible)
        }
        return visible
    }

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<String, any Error> {
        stream(request, usage: { _ in })
    }

    public func stream(_ request: ChatRequest, usage: @escaping @Sendable (TokenUsage) -> Void) -> AsyncThrowingStream<String, any Error> {
        let url = baseURL.appendingPathComponent("chat/completions")
        let body = body(request, stream: true)
        let provider = http.provider
        return .producing { yield in
            var answer = ""
            var finish: String?
            var ended = false
            var thinking = ThinkingFilter()
            for try await line in try await http.postStreamingLines(url, json: body) {
                guard line.hasPrefix("data:") else { continue }
                let payload = line.dropFirst(5).trimmingCharacters(in: .whitespaces)
                if payload == "[DONE]" { ended = true; break }
                guard let delta = try? JSONDecoder().decode(StreamDelta.self, from: Data(payload.utf8)) else { continue }
                if let counted = delta.usage { usage(TokenUsage(input: counted.promptTokens, output: counted.completionTokens)) }
                if let text = delta.choices.first?.delta.content, !text.isEmpty {
                    let visible = thinking.visible(text)
                    answer += visible
                    if !visible.isEmpty { yield(visible) }
                }
                if let reason = delta.choices.first?.finishReason { finish = reason }
            }
            let rest = thinking.finish()
            if !rest.isEmpty { answer += rest; yield(rest) }
            if finish == "length" {
                throw ProviderError.incomplete(provider: provider, reason: "it reached its token limit (finish_reason: length)",
                                               partial: answer)
            }
            if !ended && finish == nil {
                throw ProviderError.incomplete(provider: provider, reason: "the stream ended without [DONE]", partial: answer)
            }
        }
    }

    public func embed(_ texts: [String], as input: EmbeddingInput) async throws -> [[Float]] {
        guard !texts.isEmpty else { return [] }
        var object: [String: Any] = ["model": descriptor.model, "input": texts]
        if let requestedDimension { object["dimensions"] = requestedDimension }
        let provider = http.provider
        let count = texts.count
        return try await http.post(baseURL.appendingPathComponent("embeddings"),
                                   json: try JSONSerialization.data(withJSONObject: object)) { data in
            guard let answer = try? JSONDecoder().decode(Embeddings.self, from: data), answer.data.count == count else {
                throw ProviderError.malformedResponse(provider: provider, detail: "expected \(count) embeddings in data[]")
            }
            return answer.data.sorted { $0.index < $1.index }.map(\.embedding)
        }
    }

    private func body(_ request: ChatRequest, stream: Bool) -> Data {
        var object: [String: Any] = [
            "model": descriptor.model,
            "messages": request.messages.map { ["role": $0.role.rawValue, "content": $0.content] },
            "temperature": request.temperature,
            "stream": stream,
        ]
        if stream { object["stream_options"] = ["include_usage": true] }
        if let maxTokens = request.maxTokens { object["max_tokens"] = maxTokens }
        if let penalty = request.repetitionPenalty { object["frequency_penalty"] = penalty }
        if !request.stop.isEmpty { object["stop"] = request.stop }
        if request.jsonMode { object["response_format"] = ["type": "json_object"] }
        if request.jsonSchema != nil {
            object["response_format"] = ["type": "json_schema",
                                         "json_schema": ["name": "answer", "schema": SchemaSplice.placeholder, "strict": true]]
        }
        return SchemaSplice.body(object, schema: request.jsonSchema)
    }

    private struct Completion: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable { let content: String? }
            let message: Message
            let finishReason: String?
            enum CodingKeys: String, CodingKey { case message, finishReason = "finish_reason" }
        }
        let choices: [Choice]
    }

    private struct StreamDelta: Decodable {
        struct Choice: Decodable {
            struct Delta: Decodable { let content: String? }
            let delta: Delta
            let finishReason: String?
            enum CodingKeys: String, CodingKey { case delta, finishReason = "finish_reason" }
        }
        struct Usage: Decodable {
            let promptTokens: Int
            let completionTokens: Int
            enum CodingKeys: String, CodingKey { case promptTokens = "prompt_tokens", completionTokens = "completion_tokens" }
        }
        let choices: [Choice]
        let usage: Usage?
    }

    private struct Embeddings: Decodable {
        struct Item: Decodable { let index: Int; let embedding: [Float] }
        let data: [Item]
    }
}
