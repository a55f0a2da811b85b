import Foundation
import Rhizome

/// Export time per format for a whole synthetic store, written to files, with peak memory after each.
enum ExportBench {
    static func formats(store: SQLiteStore, folder: URL) throws {
        let statistics = try store.statistics()
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
            let counts = try GraphExporter.export(GraphSelection(), from: store, to: writer)
            let size = (try? FileManager.default.attributesOfItem(atPath: target.path)[.size] as? Int) ?? 0
            print(String(format: "    %-8@ %.2f s (%d nodes, %d edges%@), peak RSS so far %.0f MB", format.rawValue as NSString,
                         (clock.now - start).seconds, counts.nodes, counts.edges,
                         (format == .csv ? "" : String(format: ", %.0f MB", Double(size) / 1_048_576)) as NSString,
                         RhizomeBench.peakMemoryMegabytes()))
        }
    }
}
