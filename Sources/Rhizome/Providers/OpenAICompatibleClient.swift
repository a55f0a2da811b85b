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
        descriptor = ModelDescriptor(provider: "openai", model: model)
        self.baseURL = baseURL
        self.dimension = requestedDimension ?? dimension
        self.requestedDimension = requestedDimension
        var headers: [String: String] = [:]
        if let apiKey, !apiKey.isEmpty { headers["Authorization"] = "Bearer \(apiKey)" }
        http = HTTPClient(provider: "OpenAI-compatible server at \(baseURL.absoluteString)", headers: headers,
                          timeout: timeout, retry: retry, limiter: limiter)
    }

    public func complete(_ request: ChatRequest) async throws -> String {
        let data = try await http.post(baseURL.appendingPathComponent("chat/completions"), json: body(request, stream: false))
        guard let answer = try? JSONDecoder().decode(Completion.self, from: data),
              let content = answer.choices.first?.message.content else {
            throw ProviderError.malformedResponse(provider: http.provider, detail: "no choices[0].message.content")
        }
        return content
    }

    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<String, any Error> {
        let url = baseURL.appendingPathComponent("chat/completions")
        let body = body(request, stream: true)
        return .producing { yield in
            for try await line in try await http.postStreamingLines(url, json: body) {
                guard line.hasPrefix("data:") else { continue }
                let payload = line.dropFirst(5).trimmingCharacters(in: .whitespaces)
                if payload == "[DONE]" { break }
                if let delta = try? JSONDecoder().decode(StreamDelta.self, from: Data(payload.utf8)),
                   let text = delta.choices.first?.delta.content, !text.isEmpty {
                    yield(text)
                }
            }
        }
    }

    public func embed(_ texts: [String], as input: EmbeddingInput) async throws -> [[Float]] {
        guard !texts.isEmpty else { return [] }
        var object: [String: Any] = ["model": descriptor.model, "input": texts]
        if let requestedDimension { object["dimensions"] = requestedDimension }
        let data = try await http.post(baseURL.appendingPathComponent("embeddings"),
                                       json: try JSONSerialization.data(withJSONObject: object))
        guard let answer = try? JSONDecoder().decode(Embeddings.self, from: data), answer.data.count == texts.count else {
            throw ProviderError.malformedResponse(provider: http.provider, detail: "expected \(texts.count) embeddings in data[]")
        }
        return answer.data.sorted { $0.index < $1.index }.map(\.embedding)
    }

    private func body(_ request: ChatRequest, stream: Bool) -> Data {
        var object: [String: Any] = [
            "model": descriptor.model,
            "messages": request.messages.map { ["role": $0.role.rawValue, "content": $0.content] },
            "temperature": request.temperature,
            "stream": stream,
        ]
        if let maxTokens = request.maxTokens { object["max_tokens"] = maxTokens }
        if !request.stop.isEmpty { object["stop"] = request.stop }
        if request.jsonMode { object["response_format"] = ["type": "json_object"] }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    }

    private struct Completion: Decodable {
        struct Choice: Decodable { struct Message: Decodable { let content: String? }; let message: Message }
        let choices: [Choice]
    }

    private struct StreamDelta: Decodable {
        struct Choice: Decodable { struct Delta: Decodable { let content: String? }; let delta: Delta }
        let choices: [Choice]
    }

    private struct Embeddings: Decodable {
        struct Item: Decodable { let index: Int; let embedding: [Float] }
        let data: [Item]
    }
}
