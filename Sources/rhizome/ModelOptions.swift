import ArgumentParser
import Foundation
import Rhizome

/// Which language model and embedding model a command uses. Flags win over the environment
/// (`RHIZOME_LLM`, `RHIZOME_LLM_MODEL`, `RHIZOME_LLM_BASE_URL`, `RHIZOME_LLM_API_KEY`, `RHIZOME_EMBEDDING…`,
/// `OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OLLAMA_HOST`); with nothing set everything runs offline.
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

    @Option(name: .long, help: ArgumentHelp("Seconds a model call may stay silent (before its first byte, or between two pieces).",
                                            valueName: "seconds"))
    var timeout: Double = 120

    func validate() throws {
        if let concurrency, concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        if timeout <= 0 { throw ValidationError("--timeout must be positive") }
        if let embeddingDimension, embeddingDimension < 1 { throw ValidationError("--embedding-dim must be positive") }
    }

    func providers(tokenizer: any Tokenizer) async throws -> Providers {
        try await Providers.resolve(ProviderFlags(llm: llm, model: model, llmBaseURL: llmBaseURL, embedding: embedding,
                                                  embeddingModel: embeddingModel, embeddingBaseURL: embeddingBaseURL,
                                                  embeddingDimension: embeddingDimension, concurrency: concurrency,
                                                  timeout: timeout),
                                    environment: ProcessInfo.processInfo.environment, tokenizer: tokenizer)
    }
}
