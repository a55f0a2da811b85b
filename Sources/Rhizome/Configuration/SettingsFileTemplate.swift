extension SettingsFile {
    /// The text `rhizome init` writes: every setting, the ones chosen set and the rest commented out with
    /// their defaults, so the file documents itself.
    public func text() -> String {
        func line(_ key: String, _ value: String?, default fallback: String) -> String {
            value.map { "\(key) = \($0)" } ?? "# \(key) = \(fallback)"
        }
        func quoted(_ text: String?) -> String? {
            text.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        }
        func number(_ value: (some Numeric & CustomStringConvertible)?) -> String? { value.map(\.description) }
        let p = providers
        let list = ingest.entityTypes.map { "[" + $0.compactMap(quoted).joined(separator: ", ") + "]" }
        return """
            # Rhizome settings for the store beside this file, written by `rhizome init`.
            # Flags and RHIZOME_* environment variables override them; API keys stay in the environment
            # (RHIZOME_LLM_API_KEY, RHIZOME_EMBEDDING_API_KEY or OPENAI_API_KEY), never here.

            [llm]
            # offline (no model: heuristic extraction, extractive answers), openai (any OpenAI-compatible
            # server: llama.cpp, vLLM, LM Studio, OpenAI) or ollama
            \(line("provider", quoted(p.llm), default: "\"offline\""))
            \(line("model", quoted(p.model), default: "\"gpt-4o-mini\"  # a local server's only model is found by itself"))
            \(line("base_url", quoted(p.llmBaseURL), default: "\"http://127.0.0.1:8080/v1\""))
            \(line("concurrency", number(p.concurrency), default: "8  # default: the server's slots when it says"))
            \(line("timeout", number(p.timeout), default: "120  # seconds of silence between two pieces of an answer"))
            \(line("first_token_timeout", number(p.firstTokenTimeout), default: "240  # seconds until an answer begins"))

            [embedding]
            # offline (hashed n-grams, no model), openai or ollama; changing it later needs
            # `rhizome reindex --embeddings`
            \(line("provider", quoted(p.embedding), default: "\"offline\""))
            \(line("model", quoted(p.embeddingModel), default: "\"text-embedding-3-small\""))
            \(line("base_url", quoted(p.embeddingBaseURL), default: "\"http://127.0.0.1:8080/v1\""))
            \(line("dimension", number(p.embeddingDimension), default: "256"))

            [ingest]
            \(line("chunk_tokens", number(ingest.chunkTokens), default: "1200  # fixed when the store is created"))
            \(line("chunk_overlap", number(ingest.chunkOverlap), default: "100"))
            \(line("gleaning", number(ingest.gleaning), default: "1  # extra passes asking the model what it missed"))
            \(line("language", quoted(ingest.language), default: "\"auto\"  # or English, Korean, Japanese, Chinese"))
            \(line("structured", quoted(ingest.structured), default: "\"auto\"  # schema-constrained answers: auto, on or off"))
            \(line("entity_types", list, default: "[" + ModelExtractor.defaultEntityTypes.map { "\"\($0)\"" }.joined(separator: ", ") + "]"))

            """
    }
}
