import ArgumentParser
import Rhizome

/// Chunking and extraction settings, shared by `ingest` (which uses them) and `init` (which writes them to
/// rhizome.toml). Nil means "not given": the settings file, then the built-in default, decide.
struct ExtractionOptions: ParsableArguments {
    @Option(name: .long, help: "Tokens per chunk (fixed when the store is created; default 1200).")
    var chunkTokens: Int?

    @Option(name: .long, help: "Tokens shared by consecutive chunks (fixed when the store is created; default 100).")
    var chunkOverlap: Int?

    @Option(name: .long, help: "Extra extraction passes asking the model for what it missed (default 1).")
    var gleaning: Int?

    @Option(name: .long, help: ArgumentHelp("Entity types offered to the model, comma-separated.", valueName: "types"))
    var entityTypes: String?

    @Option(name: .long, help: "Language of extracted descriptions and summaries; auto (default): each chunk's own (Korean, Japanese, Chinese), else English.")
    var language: String?

    @Option(name: .long, help: "Schema-constrained extraction answers: auto (default: ask the server once), on or off.")
    var structured: String?

    func validate() throws {
        if let chunkTokens, chunkTokens < 16 { throw ValidationError("--chunk-tokens must be at least 16") }
        if let chunkTokens, let chunkOverlap, chunkOverlap >= chunkTokens {
            throw ValidationError("--chunk-overlap (\(chunkOverlap)) must be smaller than --chunk-tokens (\(chunkTokens))")
        }
        if let gleaning, gleaning < 0 { throw ValidationError("--gleaning cannot be negative") }
        if let structured, StructuredOutputMode(rawValue: structured) == nil { throw ValidationError("--structured must be auto, on or off") }
    }

    /// What the flags say, in the settings file's shape.
    var given: IngestDefaults {
        IngestDefaults(chunkTokens: chunkTokens, chunkOverlap: chunkOverlap, gleaning: gleaning, language: language,
                       structured: structured,
                       entityTypes: entityTypes.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } })
    }
}
