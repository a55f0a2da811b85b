import Rhizome

/// The one place where library errors get the CLI's advice: which command or flag fixes them.
enum CommandAdvice {
    static func line(for error: StoreError) -> String {
        switch error {
        case .documentNotFound:
            "\(error) (see `rhizome documents list`)"
        case .readOnly:
            "\(error) (copy it somewhere writable, or use a read command: status, query, export, documents, graph)"
        case .notAStore(_, let reason) where reason == StoreError.noSuchFile:
            "\(error); run `rhizome ingest` first or pass --store"
        case .settingsMismatch(.tokenizer, _, _):
            "\(error); use a new store (--store) for another tokenizer"
        case .settingsMismatch(.chunkTokens, _, _), .settingsMismatch(.chunkOverlap, _, _):
            "\(error); drop --chunk-tokens/--chunk-overlap to use the stored values, or use a new store (--store)"
        case .settingsMismatch(.embeddingModel, _, _):
            "\(error); use the store's embedding settings, or run `rhizome reindex --embeddings` with the new ones to re-embed everything"
        case .database(let failure) where failure.kind == .busy:
            "\(error) (another process is writing to the store; try again when it is done)"
        default:
            "\(error)"
        }
    }
}

extension CommandAdvice {
    static func line(for error: QueryError) -> String {
        error == .emptyStore ? "\(error): run `rhizome ingest PATH…` first" : "\(error)"
    }

    static func line(for error: EditError) -> String {
        guard case .nameTaken(let name) = error else { return "\(error)" }
        return "an entity called '\(name)' already exists; to unite the two use: rhizome entity merge … --into '\(name)'"
    }

    /// An unknown entity, with the nearest names the store's search finds and where to look further.
    static func unknownEntity(_ name: String, in store: StoredKnowledge) async -> CommandError {
        let nearest = ((try? await store.searchEntities(name, limit: 3)) ?? []).map(\.name)
        let suggestion = nearest.isEmpty ? "" : "; did you mean \(nearest.map { "'\($0)'" }.joined(separator: ", "))?"
        return CommandError(description: "no entity named '\(name)' (names and aliases match in any case)\(suggestion) "
            + "(`rhizome graph search TEXT` finds entities by any word)")
    }
}
