import ArgumentParser
import Foundation
import Rhizome

extension GraphCommand {
    /// `rhizome graph stats`.
    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Counts, types, degree distribution and connected components.")
        @OptionGroup var storeOptions: StoreOptions
        @Flag(name: .long, help: "Print JSON (Schemas/graph-stats.schema.json).") var json = false

        func run() async throws {
            let statistics = try await storeOptions.openExisting().graphStatistics()
            if json { return try Output.printJSON(statistics) }
            print("\(Output.grouped(statistics.entities)) entities, \(Output.grouped(statistics.relations)) relations; "
                  + String(format: "mean degree %.2f, max %d", statistics.meanDegree, statistics.maxDegree))
            print("\(Output.grouped(statistics.components)) connected components, the largest with \(Output.grouped(statistics.largestComponent)) "
                  + "entities; \(Output.grouped(statistics.isolatedEntities)) entities without relations")
            print("\nTypes:")
            for type in statistics.types { print("  \(type.type.padding(toLength: 16, withPad: " ", startingAt: 0)) \(Output.grouped(type.entities))") }
            print("\nDegree:")
            for bucket in statistics.degreeDistribution {
                let range = bucket.min == bucket.max ? "\(bucket.min)" : "\(bucket.min)–\(bucket.max)"
                print("  \(range.padding(toLength: 16, withPad: " ", startingAt: 0)) \(Output.grouped(bucket.entities))")
            }
        }
    }

    /// `rhizome graph search TEXT`.
    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Find entities by words of their names, aliases or descriptions.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "Words to look for (all must match).") var text: String
        @Option(name: .long, help: "At most this many results.") var limit = 20
        @Flag(name: .long, help: "Print JSON (Schemas/entity-list.schema.json).") var json = false

        func run() async throws {
            let found = try await storeOptions.openExisting().searchEntities(text, limit: max(1, limit))
            try printEntities(found, json: json, empty: "no entity matches '\(text)'")
        }
    }

    /// `rhizome graph neighbors NAME`.
    struct Neighbors: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Entities within a few hops of an entity, nearest first.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The entity's name or one of its aliases.") var name: String
        @Option(name: .long, help: "Hops.") var depth = 1
        @Option(name: .long, help: "At most this many results.") var limit = 100
        @Flag(name: .long, help: "Print JSON (Schemas/entity-list.schema.json).") var json = false

        func run() async throws {
            let store = try storeOptions.openExisting()
            guard let found = try await store.neighbourhood(of: name, depth: depth, limit: max(1, limit)) else {
                throw await CommandAdvice.unknownEntity(name, in: store)
            }
            try printEntities(found, json: json, empty: "'\(name)' has no relations")
        }
    }

    /// `rhizome graph top`.
    struct Top: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The best-connected entities, or the best-supported relations.")
        @OptionGroup var storeOptions: StoreOptions
        @Option(name: .long, help: "degree (entities, default) or weight (relations).") var by = "degree"
        @Option(name: .long, help: "At most this many.") var limit = 20
        @Flag(name: .long, help: "Print JSON (Schemas/entity-list.schema.json or relation-list.schema.json).") var json = false

        func validate() throws {
            guard ["degree", "weight"].contains(by) else { throw ValidationError("--by must be degree or weight") }
        }

        func run() async throws {
            let store = try storeOptions.openExisting()
            if by == "degree" { return try await printEntities(try store.topEntities(limit: max(1, limit)), json: json, empty: "the graph is empty") }
            let relations = try await store.topRelations(limit: max(1, limit))
            if json { return try Output.printJSON(relations) }
            for relation in relations {
                print("×\(Int(relation.weight))  \(relation.source) — \(relation.target) [\(relation.keywords.joined(separator: ", "))]")
            }
        }
    }
}

private func printEntities(_ entities: [EntitySummary], json: Bool, empty: String) throws {
    if json { return try Output.printJSON(entities) }
    if entities.isEmpty { return print(empty) }
    for entity in entities {
        let hop = entity.depth.map { "\($0) hop\($0 == 1 ? "" : "s")  " } ?? ""
        let line = entity.description.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        print("\(hop)\(entity.name) (\(entity.type), degree \(entity.degree)): \(line.count > 100 ? String(line.prefix(99)) + "…" : line)")
    }
}
