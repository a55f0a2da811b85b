import Foundation

/// Turns the assembled prompt into an answer, streamed as it is produced (a seam: any model, or none).
public protocol AnswerGenerator: Sendable {
    /// What produces the answers, for output ("openai:gpt-4o-mini", "extractive").
    var label: String { get }
    func answer(_ messages: [ChatMessage], query: String, keywords: QueryKeywords,
                context: QueryContext) -> AsyncThrowingStream<String, any Error>
}

/// The configured language model answers; the answer is cached like every call.
public struct ModelAnswerGenerator: AnswerGenerator {
    public let model: CachedLanguageModel

    public init(model: CachedLanguageModel) { self.model = model }

    public var label: String { model.descriptor.label }

    public func answer(_ messages: [ChatMessage], query: String, keywords: QueryKeywords,
                       context: QueryContext) -> AsyncThrowingStream<String, any Error> {
        model.stream(ChatRequest(messages: messages, temperature: 0), kind: "answer")
    }
}
