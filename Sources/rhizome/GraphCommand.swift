import ArgumentParser
import Foundation
import Rhizome

/// `rhizome graph …`: look at the knowledge graph.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "graph", abstract: "Inspect the knowledge graph.",
                                                    subcommands: [Entity.self, Stats.self, Search.self, Neighbors.self, Top.self])

    struct Entity: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show an entity: type, description, aliases, relations and sources (by name or alias, any case).")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The entity's name or one of its aliases.") var name: String
        @Flag(name: .long, help: "Print JSON (Schemas/entity.schema.json).") var json = false

        func run() async throws {
            let store = try storeOptions.openExisting()
            guard let details = try await store.entity(named: name) else { throw await CommandAdvice.unknownEntity(name, in: store) }
            if json { return try Output.printJSON(details) }
            print("\(details.name) (\(details.type))")
            if details.aliases.count > 1 { print("Aliases: \(details.aliases.joined(separator: "; "))") }
            print("\n\(details.description)")
            if !details.relations.isEmpty {
                print("\nRelations (\(details.relations.count)):")
                for relation in details.relations {
                    let weight = relation.weight == relation.weight.rounded() ? "\(Int(relation.weight))" : "\(relation.weight)"
                    print("  — \(relation.entity) [\(relation.keywords.joined(separator: ", "))] ×\(weight): \(relation.description)")
                }
            }
            print("\nSources (\(details.sources.count)):")
            for source in details.sources {
                print("  \(source.documentPath) chunk \(source.chunkOrder) [\(source.startOffset)–\(source.endOffset)]  \(source.documentTitle)")
            }
        }
    }
}

/// `rhizome cache …`: the model-call cache.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cache", abstract: "Inspect or clear the model-call cache.",
                                                    subcommands: [Stats.self, Clear.self])

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cached model answers by kind.")
        @OptionGroup var storeOptions: StoreOptions
        @Flag(name: .long, help: "Print JSON (Schemas/cache-stats.schema.json).") var json = false

        func run() async throws {
            let statistics = try await storeOptions.openExisting().cacheStatistics()
            if json { return try Output.printJSON(statistics) }
            print("Cached model answers: \(Output.grouped(statistics.entries)) (\(Output.bytes(statistics.bytes)))")
            for kind in statistics.kinds {
                print("  \(kind.kind.padding(toLength: 12, withPad: " ", startingAt: 0)) \(Output.grouped(kind.entries).leftPadded(to: 8))  \(Output.bytes(kind.bytes))")
            }
        }
    }

    struct Clear: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Forget cached model answers (the graph stays; later runs pay the model again).")
        @OptionGroup var storeOptions: StoreOptions
        @Option(name: .long, help: "Only this kind: extraction, gleaning, summary, keywords, answer.") var kind: String?

        func run() async throws {
            let removed = try await storeOptions.openExisting().clearCache(kind: kind)
            print("Removed \(Output.grouped(removed)) cached answer\(removed == 1 ? "" : "s").")
        }
    }
}

/// `rhizome reindex --embeddings`: recompute every vector, e.g. after changing the embedding model.
struct ReindexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex", abstract: "Recompute derived data: --embeddings re-embeds everything with the configured model.")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup(title: "Models") var models: ModelOptions
    @Flag(name: .long, help: "Re-embed every entity, relation and chunk (and record the new embedding model).")
    var embeddings = false

    func run() async throws {
        guard embeddings else { throw ValidationError("say what to rebuild: --embeddings") }
        let tokenizer = try O200kTokenizer()
        let providers = try await models.providers(tokenizer: tokenizer, storePath: storeOptions.storePath)
        let knowledgeBase = try await storeOptions.openKnowledgeBase(providers: providers, tokenizer: tokenizer) { $0.replacingEmbedding = true }
        let settings = providers.embeddingSettings
        let progress = ProgressLine(enabled: true)
        let done = try await knowledgeBase.reembedEverything { state in
            let resumed = state.resumed > 0 ? " (\(Output.grouped(state.resumed)) from the interrupted run)" : ""
            progress.update("re-embedding: \(Output.grouped(state.staged))/\(Output.grouped(state.total)) vectors\(resumed)")
        }
        progress.finish()
        let counts = try await knowledgeBase.stored.statistics()
        print("Re-embedded \(Output.count(counts.entities, "entity", plural: "entities")), \(Output.count(counts.relations, "relation")) and \(Output.count(counts.chunks, "chunk")) "
              + "with \(settings.label)" + (done.resumed > 0 ? ", going on from the \(Output.grouped(done.resumed)) vectors an interrupted run had computed." : "."))
    }
}
