import Foundation

/// One question and how to answer it.
public struct QueryRequest: Sendable {
    public var query: String
    public var mode: QueryMode = .mix
    public var limits = RetrievalLimits()
    public var budgets = TokenBudgets()
    /// Keywords given by the user replace the extracted ones, level by level.
    public var highLevelKeywords: [String]?
    public var lowLevelKeywords: [String]?
    /// Earlier turns, oldest first.
    public var history: [ChatMessage] = []
    public var responseType = "Multiple paragraphs"
    public var userPrompt: String?

    public init(query: String, mode: QueryMode = .mix) {
        self.query = query
        self.mode = mode
    }
}

/// Milliseconds spent per stage.
public struct QueryTimings: Sendable, Codable, Equatable {
    public var keywords = 0.0
    public var retrieval = 0.0
    public var context = 0.0
    public var generation = 0.0

    public init() {}
}

/// Everything about a query short of the answer: what the model will see and how it was found.
public struct PreparedQuery: Sendable {
    public var request: QueryRequest
    public var keywords: QueryKeywords
    public var retrieval: Retrieval
    public var context: QueryContext
    /// The full prompt: instructions with the context, the history, then the question.
    public var messages: [ChatMessage]
    public var promptTokens: Int
    public var timings: QueryTimings
}

/// Keywords → retrieval → context within budgets → prompt; then the generator answers.
public struct QueryEngine: Sendable {
    public let store: any QueryStore
    public let keywordExtractor: any KeywordExtractor
    public let retriever: Retriever
    public let generator: any AnswerGenerator
    public let tokenizer: any Tokenizer

    public init(store: any QueryStore, keywordExtractor: any KeywordExtractor, retriever: Retriever,
                generator: any AnswerGenerator, tokenizer: any Tokenizer) {
        self.store = store
        self.keywordExtractor = keywordExtractor
        self.retriever = retriever
        self.generator = generator
        self.tokenizer = tokenizer
    }

    public func prepare(_ request: QueryRequest) async throws -> PreparedQuery {
        let query = request.query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !query.isEmpty else { throw QueryError.emptyQuestion }
        if request.mode != .bypass, try await store.isEmptyForQueries() { throw QueryError.emptyStore }
        let clock = ContinuousClock()
        var timings = QueryTimings()

        var start = clock.now
        let keywords = try await resolveKeywords(request, query: query)
        timings.keywords = (clock.now - start).milliseconds

        start = clock.now
        let retrieval = try await retriever.retrieve(query, keywords: keywords, mode: request.mode, limits: request.limits)
        timings.retrieval = (clock.now - start).milliseconds

        start = clock.now
        let frame = messages(request, query: query, context: "")
        let fixed = frame.reduce(0) { $0 + tokenizer.count($1.content) }
        let context = ContextBuilder(tokenizer: tokenizer, budgets: request.budgets).build(retrieval, fixedTokens: fixed)
        let prompt = request.mode == .bypass ? request.history + [ChatMessage(.user, query)] : messages(request, query: query, context: context.text)
        let promptTokens = prompt.reduce(0) { $0 + tokenizer.count($1.content) }
        timings.context = (clock.now - start).milliseconds
        return PreparedQuery(request: request, keywords: keywords, retrieval: retrieval, context: context, messages: prompt,
                             promptTokens: promptTokens, timings: timings)
    }

    /// Said instead of an answer when retrieval found nothing: a model asked anyway answers from its own
    /// memory, with invented facts and no citation.
    public static let nothingFound = "Nothing in the store matches this question, so there is nothing to answer from "
        + "(no model was asked). Try other words, --mode naive, or ingest the documents that hold the answer."

    /// The answer as it is generated; when retrieval found nothing (outside `bypass`), a plain statement
    /// that nothing was found, without calling the generator. An answer that cites no source gets a last
    /// line naming the sources it draws on, matched by Rhizome (see `SourceAttribution`).
    public func answer(_ prepared: PreparedQuery) -> AsyncThrowingStream<String, any Error> {
        if prepared.context.isEmpty && prepared.request.mode != .bypass {
            return .producing { yield in yield(Self.nothingFound) }
        }
        let pieces = generator.answer(prepared.messages, query: prepared.request.query, keywords: prepared.keywords,
                                      context: prepared.context)
        let context = prepared.context
        return .producing { yield in
            var answer = ""
            for try await piece in pieces {
                answer += piece
                yield(piece)
            }
            if let note = SourceAttribution.note(for: answer, in: context) { yield(note) }
        }
    }

    func resolveKeywords(_ request: QueryRequest, query: String) async throws -> QueryKeywords {
        if request.mode == .bypass { return QueryKeywords(high: [], low: [], source: "none") }
        let high = request.highLevelKeywords.map(KeywordAnswerParser.clean)
        let low = request.lowLevelKeywords.map(KeywordAnswerParser.clean)
        var keywords: QueryKeywords
        if let high, let low {
            keywords = QueryKeywords(high: high, low: low, source: "override")
        } else {
            keywords = try await keywordExtractor.keywords(for: query, history: request.history)
            if let high { keywords.high = high }
            if let low { keywords.low = low }
        }
        if keywords.high.isEmpty && keywords.low.isEmpty { keywords = QueryKeywords(high: [query], low: [query], source: "query") }
        return keywords
    }

    func messages(_ request: QueryRequest, query: String, context: String) -> [ChatMessage] {
        let extra = request.userPrompt.map { "\n- Also: \($0)" } ?? ""
        let system = fillTemplate(AnswerPrompt.system, ["context": context.isEmpty ? "(nothing found)" : context,
                                                        "response_type": request.responseType, "user_prompt": extra])
        return [ChatMessage(.system, system)] + request.history + [ChatMessage(.user, query)]
    }
}

/// Why a query could not run.
public enum QueryError: Error, CustomStringConvertible, Equatable {
    case emptyStore
    case emptyQuestion
    case unknownMode(String)

    public var description: String {
        switch self {
        case .emptyStore: "the store has no documents yet"
        case .emptyQuestion: "the question is empty"
        case .unknownMode(let mode):
            "unknown mode '\(mode)': use one of \(QueryMode.allCases.map(\.rawValue).joined(separator: ", "))"
        }
    }
}
