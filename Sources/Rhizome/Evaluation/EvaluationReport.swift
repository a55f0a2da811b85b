/// Retrieval quality of one system over a group of questions.
public struct EvaluationMetrics: Codable, Sendable, Equatable {
    public var questions: Int
    /// Share of supporting documents among the documents of the first k ranked chunks, by k.
    public var documentRecall: [String: Double]
    /// Share of supporting passages covered by one of the first k ranked chunks, by k (questions with passages).
    public var passageRecall: [String: Double]
    /// Mean reciprocal rank of the first chunk from a supporting document.
    public var mrr: Double
    /// Share of questions with a supporting document in the first five chunks.
    public var hitAt5: Double
    /// Share of questions with an expected answer whose extractive answer contains it (modes only).
    public var answerContains: Double?
    /// The same share among the questions whose supporting passage (or document, when the question lists no
    /// passage) is in the first five chunks: how well the answer uses what retrieval found (modes only).
    public var answerWhenFound: Double?
}

/// One row of the evaluation: a query mode, or a baseline on the same chunks.
public struct EvaluationRow: Codable, Sendable, Equatable {
    public var system: String
    /// `mode`, or `baseline` (the store's BM25 index alone, the vectors alone).
    public var role: String
    public var overall: EvaluationMetrics
    public var byKind: [String: EvaluationMetrics]
    /// Retrieval latency in milliseconds, in process (keywords, search, context; no answer).
    public var latencyP50: Double
    public var latencyP95: Double
    /// Each question's outcome, in the order of the set.
    public var perQuestion: [QuestionOutcome]
}

/// How one system did on one question.
public struct QuestionOutcome: Codable, Sendable, Equatable {
    public var id: String
    /// The rank (from 1) of the first chunk from a supporting document; nil when none was returned.
    public var firstRelevantRank: Int?
    /// Supporting passages covered by the first five chunks, of all the question's passages.
    public var passagesAt5: Int
    public var passages: Int
    public var answerContains: Bool?
    /// Whether a supporting passage (or document, when the question lists none) is in the first five chunks.
    public var foundAt5: Bool
}

/// A threshold from `--min-recall`, and whether the run met it.
public struct EvaluationThreshold: Codable, Sendable, Equatable {
    public var system: String
    public var metric: String
    public var minimum: Double
    public var value: Double?
    public var passed: Bool

    public init(system: String, metric: String, minimum: Double, value: Double?, passed: Bool) {
        self.system = system
        self.metric = metric
        self.minimum = minimum
        self.value = value
        self.passed = passed
    }
}

/// The result of `rhizome eval` (`Schemas/eval-report.schema.json`).
public struct EvaluationReport: Codable, Sendable, Equatable {
    public var questions: Int
    public var ks: [Int]
    public var rows: [EvaluationRow]
    /// Supporting paths that are not documents of the store (their questions count them as missed).
    public var missingDocuments: [String]
    public var thresholds: [EvaluationThreshold] = []

    /// The named metric of a row (`R@5`, `P@5`, `MRR`, `Hit@5`, `answer`, `answer@found`), overall or for one kind.
    public func value(of metric: String, system: String, kind: String? = nil) -> Double? {
        guard let row = rows.first(where: { $0.system == system }) else { return nil }
        guard let metrics = kind.map({ row.byKind[$0] }) ?? row.overall else { return nil }
        return Self.value(of: metric, in: metrics)
    }

    static func value(of metric: String, in metrics: EvaluationMetrics) -> Double? {
        let lower = metric.lowercased()
        if lower.hasPrefix("r@") { return metrics.documentRecall[String(lower.dropFirst(2))] }
        if lower.hasPrefix("p@") { return metrics.passageRecall[String(lower.dropFirst(2))] }
        switch lower {
        case "mrr": return metrics.mrr
        case "hit@5": return metrics.hitAt5
        case "answer": return metrics.answerContains
        case "answer@found": return metrics.answerWhenFound
        default: return nil
        }
    }

    /// Whether every threshold passed.
    public var passed: Bool { thresholds.allSatisfy(\.passed) }
}
