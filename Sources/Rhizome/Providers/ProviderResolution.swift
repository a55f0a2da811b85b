import Foundation

extension Providers {
    /// Resolves `flags`, then the `RHIZOME_*` variables, then each of `fallbacks` in order (a settings file,
    /// what the store remembers), then `OPENAI_BASE_URL`/`OLLAMA_HOST` and the built-in defaults. Keys come
    /// from the environment only and are only ever put in request headers, never in messages or logs.
    public static func resolve(_ flags: ProviderFlags, environment: [String: String], fallbacks: [ProviderFlags] = [],
                               tokenizer: any Tokenizer) async throws -> Providers {
        if let text = environment["RHIZOME_EMBEDDING_DIM"], !text.isEmpty, flags.embeddingDimension == nil,
           Int(text).map({ $0 > 0 }) != true {
            throw ProviderError.configuration("RHIZOME_EMBEDDING_DIM must be a positive whole number, not '\(text)'")
        }
        let chosen = fallbacks.reduce(flags.filled(from: .environment(environment))) { $0.filled(from: $1) }
        var choices = chosen
        let (languageModel, contextTokens) = try await languageModel(chosen, environment: environment, choices: &choices)
        let embedding = try await embeddingModel(chosen, environment: environment, tokenizer: tokenizer, choices: &choices)
        return Providers(languageModel: languageModel, embedding: embedding, contextTokens: contextTokens, choices: choices)
    }

    private static func languageModel(_ chosen: ProviderFlags, environment: [String: String], choices: inout ProviderFlags)
        async throws -> ((any LanguageModel)?, Int?) {
        let kind = chosen.llm?.lowercased() ?? "offline"
        var limiter = ConcurrencyLimiter(limit: chosen.concurrency ?? 8)
        choices.llm = kind
        switch kind {
        case "offline", "none":
            choices.llm = "offline"
            choices.model = nil
            choices.llmBaseURL = nil
            return (nil, nil)
        case "openai":
            let base = try url(chosen.llmBaseURL ?? ProviderFlags.defaultBaseURL(for: kind, environment: environment)!)
            let key = value(environment, "RHIZOME_LLM_API_KEY", "OPENAI_API_KEY")
            try requireKey(key, base: base, variable: "RHIZOME_LLM_API_KEY or OPENAI_API_KEY")
            var model = chosen.model
            var contextTokens: Int?
            // A local server is asked what it serves (its only model needs no --model, its slots set the
            // concurrency); one that refuses the connection stops the command here, before any work.
            if base.host != "api.openai.com" {
                let facts = try await ServerDiscovery.openAI(baseURL: base, http: HTTPClient(
                    provider: "OpenAI-compatible server at \(base.absoluteString)",
                    headers: key.map { ["Authorization": "Bearer \($0)"] } ?? [:], timeout: 10))
                if model == nil, facts.models.count == 1 { model = facts.models[0] }
                if chosen.concurrency == nil, let slots = facts.slots, slots > 0 { limiter = ConcurrencyLimiter(limit: slots) }
                contextTokens = facts.contextTokens
            }
            let client = OpenAICompatibleClient(baseURL: base, model: model ?? "gpt-4o-mini", apiKey: key,
                                                timeouts: chosen.timeouts, limiter: limiter)
            (choices.model, choices.llmBaseURL) = (client.descriptor.model, base.absoluteString)
            return (client, contextTokens)
        case "ollama":
            let base = try url(chosen.llmBaseURL ?? ProviderFlags.defaultBaseURL(for: kind, environment: environment)!)
            var model = chosen.model
            let facts = try await ServerDiscovery.ollama(baseURL: base, http: HTTPClient(provider: "Ollama at \(base.absoluteString)",
                                                                                         timeout: 10))
            if model == nil, facts.models.count == 1 { model = facts.models[0] }
            var timeouts = chosen.timeouts
            timeouts.firstByte = max(timeouts.firstByte, 300)   // Ollama may load the model before its first byte
            let client = OllamaClient(baseURL: base, model: model ?? "qwen2.5:7b", timeouts: timeouts, limiter: limiter)
            (choices.model, choices.llmBaseURL) = (client.descriptor.model, base.absoluteString)
            return (client, nil)
        default:
            throw ProviderError.configuration("unknown language model provider '\(kind)': use offline, openai or ollama")
        }
    }

    private static func embeddingModel(_ chosen: ProviderFlags, environment: [String: String], tokenizer: any Tokenizer,
                                       choices: inout ProviderFlags) async throws -> any EmbeddingModel {
        let limiter = ConcurrencyLimiter(limit: chosen.concurrency ?? 8)
        let kind = chosen.embedding?.lowercased() ?? "offline"
        let dimension = chosen.embeddingDimension
        if let dimension, dimension < 1 { throw ProviderError.configuration("the embedding dimension must be positive, not \(dimension)") }
        let embedding: any EmbeddingModel
        var base: URL?
        switch kind {
        case "offline", "none":
            embedding = HashedNgramEmbedding(dimension: dimension ?? HashedNgramEmbedding.defaultDimension, tokenizer: tokenizer)
        case "openai":
            let url = try url(chosen.embeddingBaseURL ?? ProviderFlags.defaultBaseURL(for: kind, environment: environment)!)
            let key = value(environment, "RHIZOME_EMBEDDING_API_KEY", "RHIZOME_LLM_API_KEY", "OPENAI_API_KEY")
            try requireKey(key, base: url, variable: "RHIZOME_EMBEDDING_API_KEY or OPENAI_API_KEY")
            let model = chosen.embeddingModel ?? "text-embedding-3-small"
            let known = ["text-embedding-3-small": 1536, "text-embedding-3-large": 3072, "text-embedding-ada-002": 1536][model]
            let client = OpenAICompatibleClient(baseURL: url, model: model, apiKey: key, dimension: known ?? 0,
                                                requestedDimension: dimension, timeouts: chosen.timeouts, limiter: limiter)
            embedding = client.dimension > 0 ? client : try await probe(client) { dimension in
                OpenAICompatibleClient(baseURL: url, model: model, apiKey: key, dimension: dimension, timeouts: chosen.timeouts,
                                       limiter: limiter)
            }
            base = url
        case "ollama":
            let url = try url(chosen.embeddingBaseURL ?? ProviderFlags.defaultBaseURL(for: kind, environment: environment)!)
            let model = chosen.embeddingModel ?? "nomic-embed-text"
            let known = dimension ?? ["nomic-embed-text": 768, "mxbai-embed-large": 1024, "all-minilm": 384, "bge-m3": 1024][model]
            let client = OllamaClient(baseURL: url, model: model, dimension: known ?? 0, limiter: limiter)
            embedding = client.dimension > 0 ? client : try await probe(client) { dimension in
                OllamaClient(baseURL: url, model: model, dimension: dimension, limiter: limiter)
            }
            base = url
        default:
            throw ProviderError.configuration("unknown embedding provider '\(kind)': use offline, openai or ollama")
        }
        (choices.embedding, choices.embeddingModel) = (embedding.descriptor.provider, embedding.descriptor.model)
        (choices.embeddingBaseURL, choices.embeddingDimension) = (base?.absoluteString, embedding.dimension)
        return embedding
    }

    private static func value(_ environment: [String: String], _ names: String...) -> String? {
        names.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
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
