import Foundation

/// Which model answers: the provider's name (`openai`, `ollama`, `offline`) and the model's.
public struct ModelDescriptor: Sendable, Hashable, Codable {
    public var provider: String
    public var model: String

    public init(provider: String, model: String) {
        self.provider = provider
        self.model = model
    }

    public var label: String { "\(provider):\(model)" }
}

/// One message of a chat: `system`, `user` or `assistant`.
public struct ChatMessage: Sendable, Hashable, Codable {
    public enum Role: String, Sendable, Codable { case system, user, assistant }
    public var role: Role
    public var content: String

    public init(_ role: Role, _ content: String) {
        self.role = role
        self.content = content
    }
}

/// A chat completion request, independent of any provider's wire format.
public struct ChatRequest: Sendable, Hashable, Codable {
    public var messages: [ChatMessage]
    public var temperature: Double
    public var maxTokens: Int?
    public var jsonMode: Bool
    public var stop: [String]
    /// Discourages repeating tokens (OpenAI's `frequency_penalty`, Ollama's `repeat_penalty` − 1); nil: the
    /// server's default.
    public var repetitionPenalty: Double?
    /// A JSON Schema (as JSON text) the server must make the answer follow; nil for free text.
    public var jsonSchema: String?

    public init(messages: [ChatMessage], temperature: Double = 0, maxTokens: Int? = nil, jsonMode: Bool = false,
                stop: [String] = [], repetitionPenalty: Double? = nil, jsonSchema: String? = nil) {
        self.messages = messages
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.jsonMode = jsonMode
        self.stop = stop
        self.repetitionPenalty = repetitionPenalty
        self.jsonSchema = jsonSchema
    }
}

/// Tokens a call consumed, as the server counted them (OpenAI `usage`, Ollama's eval counts).
public struct TokenUsage: Sendable, Equatable, Codable {
    public var input: Int
    public var output: Int

    public init(input: Int, output: Int) {
        self.input = input
        self.output = output
    }
}

/// A chat model behind some protocol. `complete` returns the whole answer; `stream` yields it as it
/// arrives and reports what the server counted to `usage` when it says.
public protocol LanguageModel: Sendable {
    var descriptor: ModelDescriptor { get }
    func complete(_ request: ChatRequest) async throws -> String
    func stream(_ request: ChatRequest) -> AsyncThrowingStream<String, any Error>
    func stream(_ request: ChatRequest, usage: @escaping @Sendable (TokenUsage) -> Void) -> AsyncThrowingStream<String, any Error>
}

extension LanguageModel {
    /// Providers without real streaming yield the whole answer as one piece.
    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<String, any Error> {
        .producing { yield in yield(try await complete(request)) }
    }

    /// Providers that report no usage stream as usual.
    public func stream(_ request: ChatRequest, usage: @escaping @Sendable (TokenUsage) -> Void) -> AsyncThrowingStream<String, any Error> {
        stream(request)
    }
}

extension AsyncThrowingStream where Failure == any Error {
    /// A stream fed by `produce` running in a task: it finishes when `produce` returns, fails with what it
    /// throws, and the task is cancelled when the consumer stops listening.
    static func producing(_ produce: @escaping @Sendable (_ yield: (Element) -> Void) async throws -> Void) -> Self
        where Element: Sendable {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await produce { continuation.yield($0) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

/// Whether a text is embedded as a search query or as stored content (some models embed them differently).
public enum EmbeddingInput: String, Sendable { case query, document }

/// Turns texts into vectors of a fixed dimension, in batches.
public protocol EmbeddingModel: Sendable {
    var descriptor: ModelDescriptor { get }
    var dimension: Int { get }
    func embed(_ texts: [String], as input: EmbeddingInput) async throws -> [[Float]]
}

/// A request body serialised with its JSON Schema spliced in as written: key order is meaning to a
/// grammar-constrained server (llama.cpp makes the model write properties in schema order, so "name"
/// must come before "description"), and a re-serialised dictionary would sort them.
enum SchemaSplice {
    static let placeholder = "__rhizome_json_schema__"

    /// `object` as JSON with the string `placeholder` replaced by `schema`, which must be valid JSON.
    static func body(_ object: [String: Any], schema: String?) -> Data {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        guard let schema, (try? JSONSerialization.jsonObject(with: Data(schema.utf8))) != nil else { return data }
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"\(placeholder)\"", with: schema)
        return Data(text.utf8)
    }
}
