import ArgumentParser
import Foundation
import Rhizome

/// What every edit command shares: the store, the models (summaries of merged descriptions, new vectors)
/// and `--json`.
struct EditOptions: ParsableArguments {
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup(title: "Models") var models: ModelOptions
    @Flag(name: .long, help: "Print what changed as JSON (Schemas/edit-report.schema.json).") var json = false

    /// Runs one edit in its transaction, re-embeds what it changed and reports.
    func run(_ what: String, _ edit: @escaping @Sendable (GraphEditor) async throws -> EditReport) async throws {
        let tokenizer = try O200kTokenizer()
        let providers = try await models.providers(tokenizer: tokenizer, storePath: storeOptions.storePath)
        let knowledgeBase = try await storeOptions.openKnowledgeBase(providers: providers, tokenizer: tokenizer)
        let report: EditReport
        do {
            report = try await knowledgeBase.edit(edit)
        } catch EditError.unknownEntity(let name) {
            throw await CommandAdvice.unknownEntity(name, in: knowledgeBase.stored)
        } catch let error as EditError {
            throw CommandError(description: CommandAdvice.line(for: error))
        }
        if json { return try Output.printJSON(report) }
        let names = report.entities.prefix(5).joined(separator: "; ") + (report.entities.count > 5 ? "; …" : "")
        print("\(what).")
        print("Entities written: \(report.entities.count)\(names.isEmpty ? "" : " (\(names))"), removed: \(report.removedEntities.count); "
              + "relations written: \(report.relations), removed: \(report.removedRelations); "
              + "mentions rewritten: \(report.rewrittenMentions); vectors recomputed: \(report.embedded).")
        print("The decision is recorded in the store: later ingests follow it.")
    }
}

/// `rhizome entity …`: fix entities by hand; every change survives later ingests.
struct EntityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entity", abstract: "Rename, merge, edit or delete entities (each one transaction, kept by later ingests).",
        subcommands: [Rename.self, Merge.self, Edit.self, Delete.self])

    struct Rename: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give an entity a new name; mentions of the old name follow it.")
        @OptionGroup var options: EditOptions
        @Argument(help: "The entity's name or alias.") var name: String
        @Argument(help: "The new name.") var newName: String

        func run() async throws {
            try await options.run("Renamed '\(name)' to '\(newName)'") { try await $0.rename(name, to: newName) }
        }
    }

    struct Merge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Unite entities into one: relations redirected, self-loops dropped, descriptions, aliases and sources united.")
        @OptionGroup var options: EditOptions
        @Argument(help: "Entities to merge (names or aliases).") var names: [String]
        @Option(name: .long, help: "The entity they become: an existing name or alias, or a new name.") var into: String

        func validate() throws {
            if names.isEmpty { throw ValidationError("name at least one entity to merge") }
        }

        func run() async throws {
            try await options.run("Merged \(names.map { "'\($0)'" }.joined(separator: ", ")) into '\(into)'") {
                try await $0.merge(names, into: into)
            }
        }
    }

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set an entity's type or description (kept whatever later documents say).")
        @OptionGroup var options: EditOptions
        @Argument(help: "The entity's name or alias.") var name: String
        @Option(name: .long, help: "The new type.") var type: String?
        @Option(name: .long, help: "The new description.") var description: String?

        func run() async throws {
            try await options.run("Edited '\(name)'") { try await $0.edit(name, type: type, description: description) }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete an entity and its relations (later documents do not bring it back).")
        @OptionGroup var options: EditOptions
        @Argument(help: "The entity's name or alias.") var name: String

        func run() async throws {
            try await options.run("Deleted '\(name)'") { try await $0.delete(name) }
        }
    }
}

/// `rhizome relation …`: fix relations by hand.
struct RelationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relation", abstract: "Edit or delete the relation between two entities (kept by later ingests).",
        subcommands: [Edit.self, Delete.self])

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a relation's keywords or description.")
        @OptionGroup var options: EditOptions
        @Argument(help: "One entity.") var first: String
        @Argument(help: "The other entity.") var second: String
        @Option(name: .long, help: "Keywords, comma-separated.") var keywords: String?
        @Option(name: .long, help: "The new description.") var description: String?

        func run() async throws {
            let list = keywords.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
            try await options.run("Edited the relation '\(first)' — '\(second)'") {
                try await $0.editRelation(first, second, keywords: list, description: description)
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete the relation between two entities.")
        @OptionGroup var options: EditOptions
        @Argument(help: "One entity.") var first: String
        @Argument(help: "The other entity.") var second: String

        func run() async throws {
            try await options.run("Deleted the relation '\(first)' — '\(second)'") { try await $0.deleteRelation(first, second) }
        }
    }
}
