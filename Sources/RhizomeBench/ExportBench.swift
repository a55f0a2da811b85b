import Foundation
import Rhizome

/// Export time per format for a whole synthetic store, written to files, with peak memory after each.
enum ExportBench {
    /// Builds a synthetic store of `entities` entities with about three relations each, then exports it.
    static func run(entities: Int, tokenizer: O200kTokenizer, folder: URL) async throws {
        let store = try KnowledgeBackends.open(path: folder.appendingPathComponent("export-\(entities).sqlite").path, createIfMissing: true,
                                    request: StoreSettingsRequest(tokenizer: tokenizer.name))
        let clock = ContinuousClock()
        let start = clock.now
        try await GraphBench.buildSyntheticGraph(entities: entities, reach: 3, store: store, tokenizer: tokenizer)
        print(String(format: "export store built in %.1f s", (clock.now - start).seconds))
        try await formats(store: store, folder: folder)
        try await roundTrip(store: store, tokenizer: tokenizer, folder: folder)
    }

    /// `export --with-text`, import into an empty store, export again: times, and whether the bytes match.
    static func roundTrip(store: any KnowledgeBackend, tokenizer: O200kTokenizer, folder: URL) async throws {
        let clock = ContinuousClock()
        let first = folder.appendingPathComponent("round-trip-1.json"), second = folder.appendingPathComponent("round-trip-2.json")
        var start = clock.now
        _ = try await GraphExporter.export(GraphSelection(), from: store, to: JSONGraphWriter(sink: try TextSink(path: first.path)), withText: true)
        let exportSeconds = (clock.now - start).seconds
        start = clock.now
        let file = try ImportFile.parse(try Data(contentsOf: first))
        let parseSeconds = (clock.now - start).seconds
        let copy = try KnowledgeBackends.open(path: folder.appendingPathComponent("round-trip.sqlite").path, createIfMissing: true,
                                   request: StoreSettingsRequest(tokenizer: tokenizer.name))
        let importer = GraphImporter(store: copy, merger: GraphMerger(summarizer: RankingSummarizer(threshold: SummaryThreshold(tokenizer: tokenizer))),
                                     tokenizer: tokenizer)
        start = clock.now
        let report = try await importer.importGraph(file, name: "round-trip-1.json")
        let importSeconds = (clock.now - start).seconds
        _ = try await GraphExporter.export(GraphSelection(), from: copy, to: JSONGraphWriter(sink: try TextSink(path: second.path)), withText: true)
        let identical = try Data(contentsOf: first) == Data(contentsOf: second)
        let size = Double((try? FileManager.default.attributesOfItem(atPath: first.path)[.size] as? Int) ?? 0) / 1_048_576
        print(String(format: "  round trip: export --with-text %.1f s (%.0f MB), parse %.1f s, import (%d entities, %d relations, %d chunks) %.1f s, "
                     + "re-export identical: %@; peak RSS %.0f MB", exportSeconds, size, parseSeconds, report.entities, report.relations,
                     report.chunks, importSeconds, identical ? "yes" : "NO", RhizomeBench.peakMemoryMegabytes()))
    }

    static func formats(store: any KnowledgeBackend, folder: URL) async throws {
        let statistics = try await store.statistics()
        print("  export of \(statistics.entities) entities / \(statistics.relations) relations, whole graph to a file:")
        let clock = ContinuousClock()
        for format in ExportFormat.allCases {
            let target = folder.appendingPathComponent("export.\(format.rawValue)")
            let writer: any GraphWriter
            switch format {
            case .graphml: writer = GraphMLWriter(sink: try TextSink(path: target.path))
            case .json: writer = JSONGraphWriter(sink: try TextSink(path: target.path))
            case .jsonl: writer = JSONLinesGraphWriter(sink: try TextSink(path: target.path))
            case .dot: writer = DOTWriter(sink: try TextSink(path: target.path))
            case .cypher: writer = CypherWriter(sink: try TextSink(path: target.path))
            case .mermaid: writer = MermaidWriter(sink: try TextSink(path: target.path))
            case .csv:
                try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
                writer = CSVGraphWriter(nodes: try TextSink(path: target.appendingPathComponent("nodes.csv").path),
                                        edges: try TextSink(path: target.appendingPathComponent("edges.csv").path))
            }
            let start = clock.now
            let counts = try await GraphExporter.export(GraphSelection(), from: store, to: writer)
            let size = (try? FileManager.default.attributesOfItem(atPath: target.path)[.size] as? Int) ?? 0
            print(String(format: "    %-8@ %.2f s (%d nodes, %d edges%@), peak RSS so far %.0f MB", format.rawValue as NSString,
                         (clock.now - start).seconds, counts.nodes, counts.edges,
                         (format == .csv ? "" : String(format: ", %.0f MB", Double(size) / 1_048_576)) as NSString,
                         RhizomeBench.peakMemoryMegabytes()))
        }
    }
}
