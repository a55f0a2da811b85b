import Foundation

/// The models a command will use. `languageModel` is nil for the offline default (heuristic extraction,
/// extractive answers); `embedding` always exists (the offline hashed embedding by default).
public struct Providers: Sendable {
    public let languageModel: (any LanguageModel)?
    public let embedding: any EmbeddingModel
    /// The language model's context window per request, when its server said (llama.cpp `/props`).
    public var contextTokens: Int?
    /// What was chosen, every gap filled: provider, model and base URL of both models (never a key), as a
    /// store remembers them.
    public var choices: ProviderFlags

    public init(languageModel: (any LanguageModel)?, embedding: any EmbeddingModel, contextTokens: Int? = nil,
                choices: ProviderFlags? = nil) {
        self.languageModel = languageModel
        self.embedding = embedding
        self.contextTokens = contextTokens
        self.choices = choices ?? ProviderFlags(
            llm: languageModel?.descriptor.provider ?? "offline", model: languageModel?.descriptor.model,
            embedding: embedding.descriptor.provider, embeddingModel: embedding.descriptor.model,
            embeddingDimension: embedding.dimension)
    }

    /// Tokens an extraction call needs around a chunk of `chunkTokens`: the prompt (about 900 with its
    /// example) and the answer (up to about twice the chunk).
    public static func extractionWindow(chunkTokens: Int) -> Int { 900 + chunkTokens * 3 }

    /// Why chunks of `chunkTokens` cannot fit the model's context window, with the size that would; nil
    /// when they fit or the window is unknown.
    public func contextProblem(chunkTokens: Int) -> String? {
        guard let contextTokens, Self.extractionWindow(chunkTokens: chunkTokens) > contextTokens else { return nil }
        let fitting = max(64, (contextTokens - 900) / 3)
        return "the model's context window is \(contextTokens) tokens per request, but an extraction call with "
            + "\(chunkTokens)-token chunks needs about \(Self.extractionWindow(chunkTokens: chunkTokens)) (prompt, chunk and answer); "
            + "chunks of \(fitting) tokens would fit"
    }

    /// No model at all: heuristic extraction and the hashed embedding.
    public static func offline(tokenizer: any Tokenizer) -> Providers {
        Providers(languageModel: nil, embedding: HashedNgramEmbedding(tokenizer: tokenizer))
    }

    public var embeddingSettings: EmbeddingSettings {
        EmbeddingSettings(provider: embedding.descriptor.provider, model: embedding.descriptor.model,
                          dimension: embedding.dimension)
    }
}
