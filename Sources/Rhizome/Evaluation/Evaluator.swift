import Foundation

/// Runs an evaluation set against the store: every question through each query mode and through the two
/// baselines on the same chunks (the store's BM25 index alone, the vectors alone), and scores the ranked
/// chunks against the supporting documents and passages.
public struct Evaluator: Sendable {
    /// What is evaluated: a query mode, or a baseline.
    public enum System: Sendable, Hashable {
        case mode(QueryMode)
        case bm25
        case vectors

        public var name: String {
            switch self {
            case .mode(let mode): mode.rawValue
            case .bm25: "bm25"
            case .vectors: "vectors"
            }
        }
    }

    public let engine: QueryEngine
    public let locator: DocumentLocator
    public var ks: [Int]
    /// The fusion weights every mode runs with (the defaults unless measuring others).
    public var weights: FusionWeights

    public init(engine: QueryEngine, locator: DocumentLocator, ks: [Int] = [1, 5, 10], weights: FusionWeights = FusionWeights()) {
        self.engine = engine
        self.locator = locator
        self.ks = ks
        self.weights = weights
    }

    /// What one system returned for one question.
    struct Ranking {
        var paths: [String]
        var texts: [String]
        var answer: String?
        var milliseconds: Double
    }

    /// Scores `systems` on `set`; `progress` is called after each question of each system.
    public func run(_ set: EvaluationSet, systems: [System],
                    progress: (_ system: String, _ done: Int, _ total: Int) -> Void = { _, _, _ in }) async throws -> EvaluationReport {
        let (documents, missing) = await supportingDocuments(set)
        let limit = max(ks.max() ?? 10, RetrievalLimits().chunkTopK)
        var rows: [EvaluationRow] = []
        for system in systems {
            var rankings: [Ranking] = []
            for (index, item) in set.questions.enumerated() {
                rankings.append(try await rank(item.question, system: system, limit: limit))
                progress(system.name, index + 1, set.questions.count)
            }
            rows.append(row(system, set: set, documents: documents, rankings: rankings))
        }
        return EvaluationReport(questions: set.questions.count, ks: ks, rows: rows, missingDocuments: missing)
    }

    /// The stored path of each question's supporting documents, and the paths that are not in the store.
    func supportingDocuments(_ set: EvaluationSet) async -> (documents: [[String]], missing: [String]) {
        var missing: Set<String> = []
        var documents: [[String]] = []
        for item in set.questions {
            var paths: [String] = []
            for file in item.files {
                if let found = try? await locator.document(file.path) {
                    paths.append(found.document.path)
                } else {
                    let path = locator.discovery.storedPath(for: file)
                    missing.insert(path)
                    paths.append(path)
                }
            }
            documents.append(paths)
        }
        return (documents, missing.sorted())
    }

    private func rank(_ question: EvaluationQuestion, system: System, limit: Int) async throws -> Ranking {
        let clock = ContinuousClock()
        let start = clock.now
        let limits = RetrievalLimits(chunkTopK: limit, weights: weights)
        switch system {
        case .bm25:
            let chunks = try await engine.retriever.lexicalChunks(question.question, limits: limits)
            return Ranking(paths: chunks.map(\.documentPath), texts: chunks.map(\.text), answer: nil,
                           milliseconds: (clock.now - start).milliseconds)
        case .vectors:
            let chunks = try await engine.retriever.vectorChunks(question.question, limits: limits)
            return Ranking(paths: chunks.map(\.documentPath), texts: chunks.map(\.text), answer: nil,
                           milliseconds: (clock.now - start).milliseconds)
        case .mode(let mode):
            var request = QueryRequest(query: question.question, mode: mode)
            request.limits = limits
            let prepared = try await engine.prepare(request)
            let milliseconds = (clock.now - start).milliseconds
            var answer = ""
            if question.answer != nil { for try await piece in engine.answer(prepared) { answer += piece } }
            let chunks = prepared.context.chunks.map(\.chunk)
            return Ranking(paths: chunks.map(\.documentPath), texts: chunks.map(\.text), answer: answer,
                           milliseconds: milliseconds)
        }
    }

    private func row(_ system: System, set: EvaluationSet, documents: [[String]], rankings: [Ranking]) -> EvaluationRow {
        let scored = zip(set.questions, zip(documents, rankings)).map { item, pair in
            QuestionScore(question: item, documents: pair.0, ranking: pair.1, ks: ks)
        }
        let kinds = Set(set.questions.map(\.question.kind)).sorted()
        let latencies = rankings.map(\.milliseconds).sorted()
        return EvaluationRow(
            system: system.name, role: { if case .mode = system { "mode" } else { "baseline" } }(),
            overall: QuestionScore.aggregate(scored, ks: ks),
            byKind: Dictionary(uniqueKeysWithValues: kinds.map { kind in
                (kind, QuestionScore.aggregate(scored.filter { $0.kind == kind }, ks: ks))
            }),
            latencyP50: Self.percentile(latencies, 0.5), latencyP95: Self.percentile(latencies, 0.95),
            perQuestion: zip(set.questions, scored).map { item, score in
                QuestionOutcome(id: item.question.id, firstRelevantRank: score.firstRelevantRank,
                                passagesAt5: score.passagesAt5, passages: item.passages.count, answerContains: score.answerContains,
                                foundAt5: score.foundAt5)
            })
    }

    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
    }
}

/// One question's scores for one system.
struct QuestionScore {
    var kind: String
    var documentRecall: [Int: Double]
    var passageRecall: [Int: Double]?
    var reciprocalRank: Double
    var hitAt5: Bool
    var answerContains: Bool?
    var firstRelevantRank: Int?
    var passagesAt5: Int
    /// A supporting passage (or document, for a question without passages) is in the first five chunks.
    var foundAt5: Bool { passageRecall == nil ? hitAt5 : passagesAt5 > 0 }

    init(question: EvaluationSet.Question, documents: [String], ranking: Evaluator.Ranking, ks: [Int]) {
        kind = question.question.kind
        let wanted = Set(documents)
        let texts = ranking.texts.map(EvaluationText.normalised)
        documentRecall = Dictionary(uniqueKeysWithValues: ks.map { k in
            (k, Double(wanted.intersection(ranking.paths.prefix(k)).count) / Double(max(1, wanted.count)))
        })
        if !question.passages.isEmpty {
            passageRecall = Dictionary(uniqueKeysWithValues: ks.map { k in
                let top = texts.prefix(k)
                let found = question.passages.count { passage in top.contains { $0.contains(passage) } }
                return (k, Double(found) / Double(question.passages.count))
            })
        }
        firstRelevantRank = ranking.paths.firstIndex { wanted.contains($0) }.map { $0 + 1 }
        reciprocalRank = firstRelevantRank.map { 1 / Double($0) } ?? 0
        passagesAt5 = question.passages.count { passage in texts.prefix(5).contains { $0.contains(passage) } }
        hitAt5 = ranking.paths.prefix(5).contains { wanted.contains($0) }
        if let expected = question.question.answer, let answer = ranking.answer {
            answerContains = EvaluationText.contains(answer, answer: expected)
        }
    }

    static func aggregate(_ scores: [QuestionScore], ks: [Int]) -> EvaluationMetrics {
        func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
        let withPassages = scores.compactMap(\.passageRecall)
        let answers = scores.compactMap(\.answerContains)
        let answersWhenFound = scores.filter(\.foundAt5).compactMap(\.answerContains)
        return EvaluationMetrics(
            questions: scores.count,
            documentRecall: Dictionary(uniqueKeysWithValues: ks.map { k in ("\(k)", mean(scores.map { $0.documentRecall[k] ?? 0 })) }),
            passageRecall: Dictionary(uniqueKeysWithValues: ks.map { k in ("\(k)", mean(withPassages.map { $0[k] ?? 0 })) }),
            mrr: mean(scores.map(\.reciprocalRank)),
            hitAt5: mean(scores.map { $0.hitAt5 ? 1 : 0 }),
            answerContains: answers.isEmpty ? nil : mean(answers.map { $0 ? 1 : 0 }),
            answerWhenFound: answersWhenFound.isEmpty ? nil : mean(answersWhenFound.map { $0 ? 1 : 0 }))
    }
}
