import Foundation

/// The provider choices a user made with flags, before the environment fills the gaps.
public struct ProviderFlags: Sendable {
    public var llm: String?
    public var model: String?
    public var llmBaseURL: String?
    public var embedding: String?
    public var embeddingModel: String?
    public var embeddingBaseURL: String?
    public var embeddingDimension: Int?
    /// Calls in flight at once; nil: the server's slots when it says (llama.cpp), else 8.
    public var concurrency: Int?
    public var timeout: Double = 120

    public init(llm: String? = nil, model: String? = nil, llmBaseURL: String? = nil, embedding: String? = nil,
                embeddingModel: String? = nil, embeddingBaseURL: String? = nil, embeddingDimension: Int? = nil,
                concurrency: Int? = nil, timeout: Double = 120) {
        self.llm = llm
        self.model = model
        self.llmBaseURL = llmBaseURL
        self.embedding = embedding
        self.embeddingModel = embeddingModel
        self.embeddingBaseURL = embeddingBaseURL
        self.embeddingDimension = embeddingDimension
        self.concurrency = concurrency
        self.timeout = timeout
    }
}

/// The models a command will use. `languageModel` is nil for the offline default (heuristic extraction,
/// extractive answers); `embedding` always exists (the offline hashed embedding by default).
public struct Providers: Sendable {
    public let languageModel: (any LanguageModel)?
    public let embedding: any EmbeddingModel
    /// The language model's context window per request, when its server said (llama.cpp `/props`).
    public var contextTokens: Int?

    public init(languageModel: (any LanguageModel)?, embedding: any EmbeddingModel, contextTokens: Int? = nil) {
        self.languageModel = languageModel
        self.embedding = embedding
        self.contextTokens = contextTokens
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

    /// Resolves flags, then `RHIZOME_*` variables, then `OPENAI_API_KEY`, `OPENAI_BASE_URL` and `OLLAMA_HOST`.
    /// Keys are only ever put in request headers, never in messages or logs.
    public static func resolve(_ flags: ProviderFlags, environment: [String: String], tokenizer: any Tokenizer) async throws -> Providers {
        func value(_ flag: String?, _ names: String...) -> String? {
            if let flag, !flag.isEmpty { return flag }
            for name in names { if let found = environment[name], !found.isEmpty { return found } }
            return nil
        }
        var llmLimiter = ConcurrencyLimiter(limit: flags.concurrency ?? 8)
        var contextTokens: Int?
        let llmKind = value(flags.llm, "RHIZOME_LLM")?.lowercased() ?? "offline"
        let languageModel: (any LanguageModel)?
        switch llmKind {
        case "offline", "none":
            languageModel = nil
        case "openai":
            let base = try url(value(flags.llmBaseURL, "RHIZOME_LLM_BASE_URL", "OPENAI_BASE_URL") ?? "https://api.openai.com/v1")
            let key = value(nil, "RHIZOME_LLM_API_KEY", "OPENAI_API_KEY")
            try requireKey(key, base: base, variable: "RHIZOME_LLM_API_KEY or OPENAI_API_KEY")
            var model = value(flags.model, "RHIZOME_LLM_MODEL")
            // A local server is asked what it serves: its only model needs no --model, its slots set the concurrency.
            if base.host != "api.openai.com", model == nil || flags.concurrency == nil {
                let facts = await ServerDiscovery.openAI(baseURL: base, http: HTTPClient(
                    provider: "OpenAI-compatible server at \(base.absoluteString)",
                    headers: key.map { ["Authorization": "Bearer \($0)"] } ?? [:], timeout: 10))
                if model == nil, facts.models.count == 1 { model = facts.models[0] }
                if flags.concurrency == nil, let slots = facts.slots, slots > 0 { llmLimiter = ConcurrencyLimiter(limit: slots) }
                contextTokens = facts.contextTokens
            }
            languageModel = OpenAICompatibleClient(baseURL: base, model: model ?? "gpt-4o-mini",
                                                   apiKey: key, timeout: flags.timeout, limiter: llmLimiter)
        case "ollama":
            let base = try url(value(flags.llmBaseURL, "RHIZOME_LLM_BASE_URL", "OLLAMA_HOST") ?? "http://localhost:11434")
            var model = value(flags.model, "RHIZOME_LLM_MODEL")
            if model == nil {
                let facts = await ServerDiscovery.ollama(baseURL: base, http: HTTPClient(provider: "Ollama at \(base.absoluteString)",
                                                                                         timeout: 10))
                if facts.models.count == 1 { model = facts.models[0] }
            }
            languageModel = OllamaClient(baseURL: base, model: model ?? "qwen2.5:7b",
                                         timeout: max(flags.timeout, 300), limiter: llmLimiter)
        default:
            throw ProviderError.configuration("unknown language model provider '\(llmKind)': use offline, openai or ollama")
        }

        let embeddingLimiter = ConcurrencyLimiter(limit: flags.concurrency ?? 8)
        let embeddingKind = value(flags.embedding, "RHIZOME_EMBEDDING")?.lowercased() ?? "offline"
        let dimensionText = flags.embeddingDimension.map(String.init) ?? value(nil, "RHIZOME_EMBEDDING_DIM")
        guard dimensionText == nil || Int(dimensionText!).map({ $0 > 0 }) == true else {
            throw ProviderError.configuration("RHIZOME_EMBEDDING_DIM must be a positive whole number, not '\(dimensionText!)'")
        }
        let dimension = dimensionText.flatMap(Int.init)
        let embedding: any EmbeddingModel
        switch embeddingKind {
        case "offline", "none":
            embedding = HashedNgramEmbedding(dimension: dimension ?? HashedNgramEmbedding.defaultDimension, tokenizer: tokenizer)
        case "openai":
            let base = try url(value(flags.embeddingBaseURL, "RHIZOME_EMBEDDING_BASE_URL", "OPENAI_BASE_URL")
                               ?? "https://api.openai.com/v1")
            let key = value(nil, "RHIZOME_EMBEDDING_API_KEY", "RHIZOME_LLM_API_KEY", "OPENAI_API_KEY")
            try requireKey(key, base: base, variable: "RHIZOME_EMBEDDING_API_KEY or OPENAI_API_KEY")
            let model = value(flags.embeddingModel, "RHIZOME_EMBEDDING_MODEL") ?? "text-embedding-3-small"
            let known = ["text-embedding-3-small": 1536, "text-embedding-3-large": 3072, "text-embedding-ada-002": 1536][model]
            let client = OpenAICompatibleClient(baseURL: base, model: model, apiKey: key, dimension: known ?? 0,
                                                requestedDimension: dimension, timeout: flags.timeout, limiter: embeddingLimiter)
            embedding = client.dimension > 0 ? client : try await probe(client) { dimension in
                OpenAICompatibleClient(baseURL: base, model: model, apiKey: key, dimension: dimension, timeout: flags.timeout,
                                       limiter: embeddingLimiter)
            }
        case "ollama":
            let base = try url(value(flags.embeddingBaseURL, "RHIZOME_EMBEDDING_BASE_URL", "OLLAMA_HOST") ?? "http://localhost:11434")
            let model = value(flags.embeddingModel, "RHIZOME_EMBEDDING_MODEL") ?? "nomic-embed-text"
            let known = dimension ?? ["nomic-embed-text": 768, "mxbai-embed-large": 1024, "all-minilm": 384, "bge-m3": 1024][model]
            let client = OllamaClient(baseURL: base, model: model, dimension: known ?? 0, limiter: embeddingLimiter)
            embedding = client.dimension > 0 ? client : try await probe(client) { dimension in
                OllamaClient(baseURL: base, model: model, dimension: dimension, limiter: embeddingLimiter)
            }
        default:
            throw ProviderError.configuration("unknown embedding provider '\(embeddingKind)': use offline, openai or ollama")
        }
        return Providers(languageModel: languageModel, embedding: embedding, contextTokens: contextTokens)
    }

    /// A model of unknown dimension is asked once for a vector to learn it.
    private static func probe(_ client: any EmbeddingModel, _ make: (Int) -> any EmbeddingModel) async throws -> any EmbeddingModel {
        guard let vector = try await client.embed(["dimension probe"], as: .document).first, !vector.isEmpty else {
            throw ProviderError.malformedResponse(provider: client.descriptor.label, detail: "empty embedding")
        }
        return make(vector.count)
    }

    private static func url(_ text: String) throws -> URL {
        let withScheme = text.contains("://") ? text : "http://" + text   // OLLAMA_HOST is often host:port
        guard let url = URL(string: withScheme), url.host != nil else {
            throw ProviderError.configuration("'\(text)' is not a usable base URL")
        }
        return url
    }

    private static func requireKey(_ key: String?, base: URL, variable: String) throws {
        if key == nil, base.host?.hasSuffix("openai.com") == true {
            throw ProviderError.configuration("api.openai.com needs an API key: set \(variable)")
        }
    }
}
