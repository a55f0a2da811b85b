import Foundation
import Rhizome

/// The text form of `rhizome eval`: one row per system, then recall by kind of question, then thresholds.
enum EvalTable {
    static func print(_ report: EvaluationReport, files: [String]) {
        Swift.print("Retrieval over \(Output.count(report.questions, "question")) (\(files.joined(separator: ", "))):\n")
        let bm25 = report.value(of: "R@5", system: "bm25")
        var header = "system ".padding(toLength: 9, withPad: " ", startingAt: 0)
        header += report.ks.map { "R@\($0)".leftPadded(to: 6) }.joined()
        header += report.ks.map { "P@\($0)".leftPadded(to: 6) }.joined()
        header += "    MRR  Hit@5  answer  found   p50 ms  p95 ms  R@5 vs BM25"
        Swift.print(header)
        for row in report.rows {
            var line = row.system.padding(toLength: 9, withPad: " ", startingAt: 0)
            line += report.ks.map { number(row.overall.documentRecall["\($0)"]).leftPadded(to: 6) }.joined()
            line += report.ks.map { number(row.overall.passageRecall["\($0)"]).leftPadded(to: 6) }.joined()
            line += number(row.overall.mrr).leftPadded(to: 7) + number(row.overall.hitAt5).leftPadded(to: 7)
            line += (row.overall.answerContains.map(number) ?? "–").leftPadded(to: 8)
            line += (row.overall.answerWhenFound.map(number) ?? "–").leftPadded(to: 7)
            line += String(format: "%9.1f%8.1f", row.latencyP50, row.latencyP95)
            if row.system != "bm25", let bm25, let own = row.overall.documentRecall["5"] {
                line += String(format: "  %+.2f", own - bm25)
            }
            Swift.print(line)
        }
        let kinds = Set(report.rows.flatMap { $0.byKind.keys }).sorted()
        Swift.print("\nR@5 by kind of question:" + kinds.map { kind in
            let count = report.rows.first?.byKind[kind]?.questions ?? 0
            return "  \(kind) (\(count))"
        }.joined())
        for row in report.rows {
            Swift.print(row.system.padding(toLength: 9, withPad: " ", startingAt: 0) + kinds.map { kind in
                number(row.byKind[kind]?.documentRecall["5"]).leftPadded(to: kind.count + 7)
            }.joined())
        }
        if !report.missingDocuments.isEmpty {
            Swift.print("\n\(Output.count(report.missingDocuments.count, "supporting document")) not in the store "
                + "(their questions count them as missed): \(IngestSummary.listing(report.missingDocuments))")
        }
        for threshold in report.thresholds {
            Swift.print("\(threshold.passed ? "ok  " : "FAIL") \(threshold.system) \(threshold.metric) "
                + "\(number(threshold.value)) (at least \(number(threshold.minimum)))")
        }
    }

    static func number(_ value: Double?) -> String {
        value.map { String(format: "%.2f", $0) } ?? "–"
    }
}
