import Foundation
import Rhizome

/// How `rhizome ingest` reports: problems and warnings per file on standard error, then the summary.
enum IngestSummary {
    /// One line per failed file and per warning, then skipped and vanished files, on standard error.
    static func printProblems(of report: IngestReport) {
        for outcome in report.outcomes where outcome.status == .failed {
            Output.printError("failed: \(outcome.path): \(outcome.error ?? "unknown error")")
        }
        for outcome in report.outcomes where outcome.status != .failed {
            for warning in outcome.warnings { Output.printError("warning: \(outcome.path): \(warning)") }
        }
        if let embeddingError = report.embeddingError { Output.printError("embedding failed: \(embeddingError)") }
        for line in skippedLines(report.skipped) { Output.printError(line) }
        if !report.vanished.isEmpty {
            Output.printError("\(Output.count(report.vanished.count, "stored document")) no longer "
                + "\(report.vanished.count == 1 ? "exists" : "exist") on disk: \(listing(report.vanished)); "
                + "--prune removes \(report.vanished.count == 1 ? "it" : "them")")
        }
    }

    /// `2 files skipped: unknown extension (use --include to read them)`, one line per reason.
    static func skippedLines(_ skipped: [SkippedSource]) -> [String] {
        let reasons: [(SkippedSource.Reason, String)] = [
            (.unknownExtension, "unknown extension (use --include to read them)"),
            (.notIncluded, "not matched by --include"),
            (.excluded, "matched by --exclude"),
        ]
        return reasons.compactMap { reason, text in
            let paths = skipped.filter { $0.reason == reason }.map(\.path)
            return paths.isEmpty ? nil : "\(Output.count(paths.count, "file")) skipped: \(text): \(listing(paths))"
        }
    }

    /// At most three paths, then how many more.
    static func listing(_ paths: [String]) -> String {
        paths.prefix(3).joined(separator: ", ") + (paths.count > 3 ? " and \(paths.count - 3) more" : "")
    }

    static func text(_ report: IngestReport, storePath: String, store: StoredKnowledge, providers: Providers) async -> String {
        let files = report.outcomes.count
        var counts = ["\(report.added) added", "\(report.updated) updated", "\(report.unchanged) unchanged"]
        if report.duplicates > 0 { counts.append(Output.count(report.duplicates, "duplicate")) }
        if report.removed > 0 { counts.append("\(report.removed) removed") }
        counts.append("\(report.failed) failed")
        if report.warned > 0 { counts.append("\(report.warned) with warnings") }
        var line = "Ingested \(Output.count(files, "file")): \(counts.joined(separator: ", ")); "
            + "\(Output.count(report.chunks, "chunk")), \(Output.count(report.tokens, "token")) in "
            + "\(String(format: "%.2f", report.seconds)) s."
        let extractor = providers.languageModel.map { "model \($0.descriptor.label)" } ?? "offline heuristic extractor (no model)"
        line += "\nExtraction: \(Output.count(report.extractedChunks, "chunk")) extracted by the \(extractor); "
            + "\(Output.count(report.modelCalls, "model call")), \(report.cacheHits) answered from the cache"
            + (report.modelInputTokens + report.modelOutputTokens > 0
                ? " (\(Output.grouped(report.modelInputTokens)) input, \(Output.grouped(report.modelOutputTokens)) output tokens)" : "")
            + (report.droppedRecords > 0 ? ", \(Output.count(report.droppedRecords, "malformed record")) dropped" : "")
            + (report.truncatedAnswers > 0 ? ", \(Output.count(report.truncatedAnswers, "truncated answer"))" : "")
            + "; \(Output.count(report.embedded, "vector")) embedded (\(providers.embedding.descriptor.label))."
        if let statistics = try? await store.statistics() {
            line += "\nStore \(storePath): \(Output.count(statistics.documentsByStatus["processed"] ?? 0, "document")), "
                + "\(Output.count(statistics.chunks, "chunk")), \(Output.count(statistics.entities, "entity", plural: "entities")), "
                + "\(Output.count(statistics.relations, "relation"))."
        }
        return line
    }

    /// `--dry-run`: one line per path that would change, then the counts.
    static func printPlan(_ plan: IngestPlan, pruning: Bool) {
        for entry in plan.entries where entry.action != .unchanged {
            let detail: String
            switch entry.action {
            case .duplicate: detail = " (same bytes as \(entry.detail ?? "another file"))"
            case .fail: detail = ": \(entry.detail ?? "")"
            case .remove: detail = pruning ? "" : " (its file is gone; --prune removes it)"
            default: detail = ""
            }
            let verb = entry.action == .remove && !pruning ? "vanished" : entry.action.rawValue
            print("\(verb.padding(toLength: 10, withPad: " ", startingAt: 0)) \(entry.path)\(detail)")
        }
        for line in skippedLines(plan.skipped) { print(line) }
        let removed = plan.count(.remove)
        print("Dry run, nothing changed: \(plan.count(.add)) to add, \(plan.count(.update)) to update, "
            + "\(plan.count(.unchanged)) unchanged, \(Output.count(plan.count(.duplicate), "duplicate")), "
            + (pruning ? "\(removed) to remove" : "\(removed) vanished") + ", \(plan.count(.fail)) failing, "
            + "\(plan.skipped.count) skipped.")
    }
}
