import ArgumentParser
import Foundation
import Rhizome

/// `rhizome eval QUESTIONS.jsonl…`: retrieval quality of the store's query modes, beside BM25 and vectors alone.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure retrieval on question sets: each mode beside the store's BM25 index and its vectors alone.",
        discussion: """
            Each line of a question file: {"id", "question", "kind": "local|multi-hop|global", "supporting":
            [{"path": "…", "passage": "…"}], "answer": "…"}, paths relative to the file. Recall is by document
            (R@k), by passage (P@k: a ranked chunk contains the passage), with MRR, Hit@5, the share of
            extractive answers containing "answer", and retrieval latency. --min-recall makes the exit status
            1 below a threshold, e.g. --min-recall mix=R@5:0.70 --min-recall naive=P@5:0.9.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var models: ModelOptions
    @Argument(help: ArgumentHelp("Question files (JSON Lines).", valueName: "questions.jsonl")) var files: [String]
    @Option(name: .long, help: "Modes to evaluate, comma-separated.")
    var modes = "naive,local,global,hybrid,mix"
    @Option(name: .customLong("k"), help: "Cut-offs for recall, comma-separated.") var cutoffs = "1,5,10"
    @Option(name: .customLong("min-recall"), parsing: .singleValue,
            help: ArgumentHelp("A threshold: SYSTEM=METRIC:MIN, METRIC one of R@k, P@k, MRR, Hit@5, answer, answer@found; "
                               + "SYSTEM[KIND] for one kind of question, e.g. local[local]=R@5:0.6.", valueName: "threshold"))
    var minRecall: [String] = []
    @Option(name: .long, help: ArgumentHelp("Fusion weights to measure instead of the defaults, e.g. lexical=1,vector=0.3,graph=0.5,k=60.",
                                            valueName: "weights"))
    var weights: String?
    @Flag(name: .long, help: "Print JSON (Schemas/eval-report.schema.json).") var json = false
    @Flag(name: .long, help: "No progress on standard error.") var quiet = false

    func validate() throws {
        if parsedModes == nil { throw ValidationError("--modes: unknown mode in '\(modes)' (use \(QueryMode.allCases.filter { $0 != .bypass }.map(\.rawValue).joined(separator: ", ")))") }
        if parsedCutoffs == nil { throw ValidationError("--k takes positive numbers separated by commas, not '\(cutoffs)'") }
        if let weights, parsedWeights(weights) == nil {
            throw ValidationError("--weights: cannot read '\(weights)' (write lexical=1,vector=0.3,graph=0.5,k=60)")
        }
        for threshold in minRecall where EvaluationThresholdSpec(threshold) == nil {
            throw ValidationError("--min-recall: cannot read '\(threshold)' (write SYSTEM=METRIC:MIN, e.g. mix=R@5:0.70)")
        }
    }

    var parsedModes: [QueryMode]? {
        let modes = self.modes.split(separator: ",").map { QueryMode(rawValue: $0.trimmingCharacters(in: .whitespaces).lowercased()) }
        return modes.contains(nil) || modes.contains(.bypass) ? nil : modes.compactMap { $0 }
    }

    func parsedWeights(_ text: String) -> FusionWeights? {
        var weights = FusionWeights()
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let value = Double(parts[1]), value >= 0 else { return nil }
            switch parts[0] {
            case "lexical": weights.lexical = value
            case "vector": weights.vector = value
            case "graph": weights.graph = value
            case "k": weights.k = value
            case "diversity": weights.diversity = value
            default: return nil
            }
        }
        return weights
    }

    var parsedCutoffs: [Int]? {
        let values = cutoffs.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        return values.contains { ($0 ?? 0) < 1 } || values.isEmpty ? nil : values.compactMap { $0 }
    }

    func run() async throws {
        let set: EvaluationSet
        do { set = try EvaluationSet.load(files.map { URL(fileURLWithPath: $0) }) } catch {
            throw CommandError(description: error.description)
        }
        let tokenizer = try O200kTokenizer()
        let providers = try await models.providers(tokenizer: tokenizer, storePath: storeOptions.storePath)
        let evaluator = try await storeOptions.openKnowledgeBase(providers: providers, tokenizer: tokenizer)
            .evaluator(ks: parsedCutoffs ?? [1, 5, 10], weights: weights.flatMap(parsedWeights) ?? FusionWeights())
        let progress = ProgressLine(enabled: !quiet && !json)
        var report = try await evaluator.run(set, systems: [.bm25, .vectors] + (parsedModes ?? []).map(Evaluator.System.mode)) {
            system, done, total in progress.update("evaluating \(system): \(done)/\(total) questions")
        }
        progress.finish()
        report.thresholds = minRecall.compactMap(EvaluationThresholdSpec.init).map { $0.check(report) }
        if json { try Output.printJSON(report) } else { EvalTable.print(report, files: files) }
        if !report.passed { throw ExitCode(1) }
    }
}

/// `SYSTEM=METRIC:MIN` or `SYSTEM[KIND]=METRIC:MIN`.
struct EvaluationThresholdSpec {
    var system: String
    var kind: String?
    var metric: String
    var minimum: Double

    init?(_ text: String) {
        let sides = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard sides.count == 2 else { return nil }
        let target = sides[0]
        if let open = target.firstIndex(of: "["), target.hasSuffix("]") {
            system = String(target[..<open])
            kind = String(target[target.index(after: open)..<target.index(before: target.endIndex)])
        } else {
            system = target
        }
        let parts = sides[1].split(separator: ":").map(String.init)
        guard parts.count == 2, let minimum = Double(parts[1]), !system.isEmpty else { return nil }
        metric = parts[0]
        self.minimum = minimum
    }

    func check(_ report: EvaluationReport) -> EvaluationThreshold {
        let value = report.value(of: metric, system: system, kind: kind)
        let name = kind.map { "\(system)[\($0)]" } ?? system
        return EvaluationThreshold(system: name, metric: metric, minimum: minimum, value: value,
                                   passed: (value ?? -1) >= minimum)
    }
}
