import Foundation

/// Provider choices from one source — flags, a settings file, or what a store remembers. Nil means "this
/// source does not say"; `Providers.resolve` takes the first source that does, after the environment.
public struct ProviderFlags: Sendable, Equatable, Codable {
    public var llm: String?
    public var model: String?
    public var llmBaseURL: String?
    public var embedding: String?
    public var embeddingModel: String?
    public var embeddingBaseURL: String?
    public var embeddingDimension: Int?
    /// Calls in flight at once; nil: the server's slots when it says (llama.cpp), else 8.
    public var concurrency: Int?
    /// Longest silence between two pieces of an answer; given alone, it also bounds the wait for the first one.
    public var timeout: Double?
    /// Longest wait for an answer's first piece (a local model reads the whole prompt first).
    public var firstTokenTimeout: Double?

    public init(llm: String? = nil, model: String? = nil, llmBaseURL: String? = nil, embedding: String? = nil,
                embeddingModel: String? = nil, embeddingBaseURL: String? = nil, embeddingDimension: Int? = nil,
                concurrency: Int? = nil, timeout: Double? = nil, firstTokenTimeout: Double? = nil) {
        self.llm = llm
        self.model = model
        self.llmBaseURL = llmBaseURL
        self.embedding = embedding
        self.embeddingModel = embeddingModel
        self.embeddingBaseURL = embeddingBaseURL
        self.embeddingDimension = embeddingDimension
        self.concurrency = concurrency
        self.timeout = timeout
        self.firstTokenTimeout = firstTokenTimeout
    }

    public static let defaultTimeout: Double = 120
    public static let defaultFirstTokenTimeout: Double = 240

    /// The silences a model call may keep: `timeout` and `firstTokenTimeout` as given; `timeout` alone bounds
    /// both; neither gives 120 s between pieces and 240 s for the first (a CPU model reading a long prompt).
    public var timeouts: HTTPTimeouts {
        let idle = timeout ?? Self.defaultTimeout
        let first = firstTokenTimeout ?? (timeout == nil ? max(idle, Self.defaultFirstTokenTimeout) : idle)
        return HTTPTimeouts(connect: min(10, idle, first), firstByte: first, idle: idle)
    }

    /// These choices, with gaps filled from `fallback`. A model name or base URL is only taken from a
    /// fallback that names the same provider: a remembered Ollama model means nothing to an OpenAI server.
    public func filled(from fallback: ProviderFlags) -> ProviderFlags {
        var merged = self
        merged.llm = llm ?? fallback.llm
        if merged.llm == nil || merged.llm == fallback.llm {
            merged.model = model ?? fallback.model
            merged.llmBaseURL = llmBaseURL ?? fallback.llmBaseURL
        }
        merged.embedding = embedding ?? fallback.embedding
        if merged.embedding == nil || merged.embedding == fallback.embedding {
            merged.embeddingModel = embeddingModel ?? fallback.embeddingModel
            merged.embeddingBaseURL = embeddingBaseURL ?? fallback.embeddingBaseURL
            merged.embeddingDimension = embeddingDimension ?? fallback.embeddingDimension
        }
        merged.concurrency = concurrency ?? fallback.concurrency
        if timeout == nil, firstTokenTimeout == nil {
            merged.timeout = fallback.timeout
            merged.firstTokenTimeout = fallback.firstTokenTimeout
        }
        return merged
    }

    /// The `RHIZOME_*` variables (and `OPENAI_BASE_URL`, `OLLAMA_HOST` for the provider they belong to), as
    /// a source of their own.
    public static func environment(_ environment: [String: String]) -> ProviderFlags {
        func value(_ names: String...) -> String? {
            names.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        }
        var flags = ProviderFlags(llm: value("RHIZOME_LLM")?.lowercased(), model: value("RHIZOME_LLM_MODEL"),
                                  llmBaseURL: value("RHIZOME_LLM_BASE_URL"),
                                  embedding: value("RHIZOME_EMBEDDING")?.lowercased(),
                                  embeddingModel: value("RHIZOME_EMBEDDING_MODEL"),
                                  embeddingBaseURL: value("RHIZOME_EMBEDDING_BASE_URL"))
        if let dimension = value("RHIZOME_EMBEDDING_DIM") { flags.embeddingDimension = Int(dimension) ?? -1 }
        return flags
    }

    /// The base URL a provider falls back to from its own well-known variable, then its public default.
    static func defaultBaseURL(for provider: String, environment: [String: String]) -> String? {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        switch provider {
        case "openai": return value("OPENAI_BASE_URL") ?? "https://api.openai.com/v1"
        case "ollama": return value("OLLAMA_HOST") ?? "http://localhost:11434"
        default: return nil
        }
    }
}
