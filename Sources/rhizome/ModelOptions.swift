import ArgumentParser
import Foundation
import Rhizome

/// Which language model and embedding model a command uses. Flags win over the environment
/// (`RHIZOME_LLM`, `RHIZOME_LLM_MODEL`, `RHIZOME_LLM_BASE_URL`, `RHIZOME_LLM_API_KEY`, `RHIZOME_EMBEDDING…`),
/// which wins over `rhizome.toml` beside the store, then what the store remembers, then `OPENAI_BASE_URL`,
/// `OLLAMA_HOST`; with nothing set anywhere everything runs offline.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Language model provider: offline (default), openai or ollama (env RHIZOME_LLM).", valueName: "provider"))
    var llm: String?

    @Option(name: .long, help: ArgumentHelp("Language model name (env RHIZOME_LLM_MODEL).", valueName: "name"))
    var model: String?

    @Option(name: .long, help: ArgumentHelp("Base URL of the language model server, with /v1 for OpenAI-compatible ones (env RHIZOME_LLM_BASE_URL).", valueName: "url"))
    var llmBaseURL: String?

    @Option(name: .long, help: ArgumentHelp("Embedding provider: offline (default), openai or ollama (env RHIZOME_EMBEDDING).", valueName: "provider"))
    var embedding: String?

    @Option(name: .long, help: ArgumentHelp("Embedding model name (env RHIZOME_EMBEDDING_MODEL).", valueName: "name"))
    var embeddingModel: String?

    @Option(name: .long, help: ArgumentHelp("Base URL of the embedding server (env RHIZOME_EMBEDDING_BASE_URL).", valueName: "url"))
    var embeddingBaseURL: String?

    @Option(name: .customLong("embedding-dim"), help: ArgumentHelp("Embedding dimension (env RHIZOME_EMBEDDING_DIM).", valueName: "n"))
    var embeddingDimension: Int?

    @Option(name: .long, help: "Model calls in flight at once (default: the server's slots when it says, else 8).")
    var concurrency: Int?

    @Option(name: .long, help: ArgumentHelp("Seconds a model answer may stay silent between two pieces (default 120; given alone, also before the first).",
                                            valueName: "seconds"))
    var timeout: Double?

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for an answer's first piece (default 240: a CPU model reads the prompt first).",
                                            valueName: "seconds"))
    var firstTokenTimeout: Double?

    func validate() throws {
        if let concurrency, concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        if let timeout, timeout <= 0 { throw ValidationError("--timeout must be positive") }
        if let firstTokenTimeout, firstTokenTimeout <= 0 { throw ValidationError("--first-token-timeout must be positive") }
        if let embeddingDimension, embeddingDimension < 1 { throw ValidationError("--embedding-dim must be positive") }
    }

    var flags: ProviderFlags {
        ProviderFlags(llm: llm, model: model, llmBaseURL: llmBaseURL, embedding: embedding, embeddingModel: embeddingModel,
                      embeddingBaseURL: embeddingBaseURL, embeddingDimension: embeddingDimension, concurrency: concurrency,
                      timeout: timeout, firstTokenTimeout: firstTokenTimeout)
    }

    /// The models for the store at `storePath`: flags, then the environment, then its `rhizome.toml`, then
    /// what the store remembers from its last ingest.
    /// - Parameter file: the settings file when the caller has read it already (nil: read it here).
    func providers(tokenizer: any Tokenizer, storePath: String, file: SettingsFile? = nil) async throws -> Providers {
        let file = try file ?? SettingsFile.load(from: SettingsFile.url(forStore: storePath))
        let remembered = StoredKnowledge.rememberedProviders(atPath: storePath)
        do {
            return try await Providers.resolve(flags, environment: ProcessInfo.processInfo.environment,
                                               fallbacks: [file?.providers ?? ProviderFlags(), remembered], tokenizer: tokenizer)
        } catch let error as ProviderError {
            guard case .unreachable = error else { throw error }
            throw CommandError(description: "\(error.description); start it, or pass --llm offline to go on without it")
        }
    }
}
