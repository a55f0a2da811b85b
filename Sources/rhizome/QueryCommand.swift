import ArgumentParser
import Foundation
import Rhizome

/// `rhizome query "…"`: answer a question from the graph and the text, with numbered sources.
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query", abstract: "Answer a question from the knowledge graph and the documents, citing sources.")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var models: ModelOptions

    @Argument(help: "The question.") var question: String

    @Option(name: .long, help: "local, global, hybrid, naive, mix or bypass.") var mode = "mix"
    @Option(name: .customLong("top-k"), help: "Entities (local) or relations (global) retrieved.") var topK = 40
    @Option(name: .customLong("chunk-top-k"), help: "Source passages retrieved.") var chunkTopK = 20
    @Option(name: .customLong("max-entity-tokens"), help: "Token budget of the entity section.") var maxEntityTokens = 6000
    @Option(name: .customLong("max-relation-tokens"), help: "Token budget of the relation section.") var maxRelationTokens = 8000
    @Option(name: .customLong("max-total-tokens"), help: "Token budget of the whole prompt.") var maxTotalTokens = 30000
    @Option(name: .customLong("hl"), parsing: .singleValue, help: ArgumentHelp("High-level keyword(s), comma-separated; replaces the extracted ones.", valueName: "keywords"))
    var highLevel: [String] = []
    @Option(name: .customLong("ll"), parsing: .singleValue, help: ArgumentHelp("Low-level keyword(s), comma-separated; replaces the extracted ones.", valueName: "keywords"))
    var lowLevel: [String] = []
    @Option(name: .customLong("response-type"), help: "The answer's form, e.g. \"bullet points\".")
    var responseType = "Multiple paragraphs"
    @Option(name: .customLong("user-prompt"), help: "Extra instructions for the answer.") var userPrompt: String?
    @Option(name: .long, help: ArgumentHelp("Conversation so far: a JSON list of {role, content}.", valueName: "file"))
    var history: String?
    @Flag(name: .customLong("context-only"), help: "Print the context the model would see, and stop.") var contextOnly = false
    @Flag(name: .customLong("prompt-only"), help: "Print the whole prompt the model would get, and stop.") var promptOnly = false
    @Flag(name: .long, help: "Print JSON (Schemas/query-result.schema.json).") var json = false

    func validate() throws {
        guard QueryMode(rawValue: mode.lowercased()) != nil else { throw ValidationError(QueryError.unknownMode(mode).description) }
        if topK < 1 || chunkTopK < 0 { throw ValidationError("--top-k must be at least 1 and --chunk-top-k at least 0") }
        if min(maxEntityTokens, maxRelationTokens, maxTotalTokens) < 0 { throw ValidationError("token budgets cannot be negative") }
        if contextOnly && promptOnly { throw ValidationError("use either --context-only or --prompt-only") }
    }

    func run() async throws {
        let tokenizer = try O200kTokenizer()
        let providers = try await models.providers(tokenizer: tokenizer, storePath: storeOptions.storePath)
        let knowledgeBase = try await storeOptions.openKnowledgeBase(providers: providers, tokenizer: tokenizer)
        if mode.lowercased() == "bypass", providers.languageModel == nil, !contextOnly, !promptOnly {
            throw CommandError(description: "--mode bypass sends the question straight to a language model, and none is "
                + "configured (pass --llm, or set RHIZOME_LLM); offline, use another mode", exitCode: 64)
        }
        var request = QueryRequest(query: question, mode: QueryMode(rawValue: mode.lowercased())!)
        request.limits = RetrievalLimits(topK: topK, chunkTopK: chunkTopK)
        request.budgets = TokenBudgets(maxEntityTokens: maxEntityTokens, maxRelationTokens: maxRelationTokens,
                                       maxTotalTokens: maxTotalTokens)
        request.highLevelKeywords = highLevel.isEmpty ? nil : highLevel.flatMap { $0.split(separator: ",").map(String.init) }
        request.lowLevelKeywords = lowLevel.isEmpty ? nil : lowLevel.flatMap { $0.split(separator: ",").map(String.init) }
        request.history = try history.map(Self.readHistory) ?? []
        request.responseType = responseType
        request.userPrompt = userPrompt

        var prepared: PreparedQuery
        do {
            prepared = try await knowledgeBase.prepare(request)
        } catch let error as QueryError {
            throw CommandError(description: CommandAdvice.line(for: error))
        }
        if contextOnly || promptOnly {
            if json { return try Output.printJSON(QueryResult(prepared, answer: nil, generator: knowledgeBase.generatorLabel, includePrompt: promptOnly)) }
            if contextOnly { print(prepared.context.isEmpty ? "(nothing relevant found)" : prepared.context.text, terminator: "") }
            else { for message in prepared.messages { print("----- \(message.role.rawValue) -----\n\(message.content)\n") } }
            return
        }

        let clock = ContinuousClock()
        let start = clock.now
        var answer = ""
        do {
            for try await piece in knowledgeBase.answer(prepared) {
                answer += piece
                if !json {
                    FileHandle.standardOutput.write(Data(piece.utf8))
                }
            }
        } catch {
            if !json && !answer.isEmpty { print() }
            throw CommandError(description: "the answer could not be generated: \(error). "
                               + "The retrieved context is still available with --context-only.")
        }
        prepared.timings.generation = (clock.now - start).milliseconds
        if json { return try Output.printJSON(QueryResult(prepared, answer: answer, generator: knowledgeBase.generatorLabel, includePrompt: false)) }
        print()
        if !prepared.context.references.isEmpty {
            let cited = Citations.numbers(in: answer)
            print(cited.isEmpty ? "\nReferences (the answer cites none of them):" : "\nReferences (* cited in the answer):")
            let lines = prepared.context.referenceSection.split(separator: "\n").dropFirst()
            for (reference, line) in zip(prepared.context.references, lines) {
                print((cited.contains(reference.id) ? "* " : "  ") + line)
            }
        }
    }

    static func readHistory(_ path: String) throws -> [ChatMessage] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CommandError(description: "cannot read --history file \(path): \(error.localizedDescription)")
        }
        do {
            return try JSONDecoder().decode([ChatMessage].self, from: data)
        } catch {
            throw CommandError(description: "--history \(path) must be a JSON list of {\"role\": \"user|assistant|system\", \"content\": \"…\"}")
        }
    }
}
