import Foundation
import Rhizome

/// Query latency without the model: keywords (offline), retrieval and context assembly.
enum QueryBench {
    static func latency(store: any KnowledgeBackend, entities: Int, tokenizer: O200kTokenizer) async throws {
        let engine = QueryEngine.assemble(store: store, providers: .offline(tokenizer: tokenizer), tokenizer: tokenizer)
        let clock = ContinuousClock()
        let loadStart = clock.now
        _ = try await engine.prepare(QueryRequest(query: "Entity 1", mode: .mix))   // loads the vectors once
        let loadSeconds = (clock.now - loadStart).seconds
        var generator = SystemRandomNumberGenerator()
        var times: [Double] = []
        var stages = QueryTimings()
        for round in 0..<40 {
            let a = Int.random(in: 0..<entities, using: &generator)
            let b = Int.random(in: 0..<entities, using: &generator)
            let query = round % 2 == 0 ? "How is Entity \(a) linked to Entity \(b)?"
                : "Which parts of synthetic chunk \(round % 10) of document \(a % 100) are linked?"
            let start = clock.now
            let prepared = try await engine.prepare(QueryRequest(query: query, mode: .mix))
            times.append((clock.now - start).milliseconds)
            stages.keywords += prepared.timings.keywords / 40
            stages.retrieval += prepared.timings.retrieval / 40
            stages.context += prepared.timings.context / 40
            precondition(!prepared.context.isEmpty, "query found nothing")
        }
        times.sort()
        print(String(format: "  warm query (mix, offline keywords, retrieval + context, no model) at %d entities: p50 %.1f ms, p95 %.1f ms "
                     + "(mean: keywords %.1f, retrieval %.1f, context %.1f; first query, loading vectors: %.2f s)", entities,
                     times[times.count / 2], times[times.count * 95 / 100], stages.keywords, stages.retrieval, stages.context, loadSeconds))
    }

    /// Cold latency: each question a new `rhizome query --context-only` process (the binary built beside
    /// this one), as a command-line user pays it; the first run also takes the vector snapshots.
    static func coldLatency(storePath: String, entities: Int) throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("rhizome")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            print("  cold query: skipped (no rhizome binary beside rhizome-bench; build both)")
            return
        }
        let clock = ContinuousClock()
        var times: [Double] = []
        for round in 0..<12 {
            let process = Process()
            process.executableURL = binary
            process.arguments = ["query", "How is Entity \(round * 37 % entities) linked to Entity \(round * 91 % entities)?",
                                 "--context-only", "--store", storePath]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let start = clock.now
            try process.run()
            process.waitUntilExit()
            if round > 0 { times.append((clock.now - start).milliseconds) }
        }
        times.sort()
        print(String(format: "  cold query (new rhizome process per question, mix, --context-only) at %d entities: p50 %.0f ms, p95 %.0f ms",
                     entities, times[times.count / 2], times[times.count * 95 / 100]))
    }
}
