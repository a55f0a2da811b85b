import Foundation
import Testing

/// `rhizome export` end to end on the examples: what graph tools read back.
@Suite struct ExportCLITests {
    func python(_ script: String, _ arguments: [String], in folder: URL) throws -> CommandResult {
        try runProgram(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script] + arguments, in: folder)
    }

    @Test func aSubgraphAroundAnEntityOpensInNetworkxWithTheExpectedNodes() throws {
        let folder = try makeTemporaryDirectory()
        let store = folder.appendingPathComponent("rhizome.sqlite").path
        let ingest = try rhizome(["ingest", repositoryRoot.appendingPathComponent("Examples/documents").path, "--store", store], in: folder)
        #expect(ingest.status == 0, "\(ingest.stderr)")

        let json = try rhizome(["export", "--entity", "SQLite", "--depth", "2", "--format", "json", "--store", store], in: folder)
        #expect(json.status == 0, "\(json.stderr)")
        let graph = try decodeJSON(json.stdout)
        let nodes = graph["nodes"] as? [[String: Any]] ?? []
        #expect(nodes.count > 3 && nodes.contains { $0["name"] as? String == "D. Richard Hipp" })
        if let verdict = try validateAgainstSchema(json.stdout, schema: "graph.schema.json") { #expect(verdict == "valid") }

        let graphml = folder.appendingPathComponent("sqlite.graphml").path
        let written = try rhizome(["export", "--entity", "SQLite", "--depth", "2", "--format", "graphml", "-o", graphml, "--store", store], in: folder)
        #expect(written.status == 0 && written.stderr.contains("Exported \(nodes.count) entities"))
        let probe = try python("import networkx", [], in: folder)
        guard probe.status == 0 else {
            print("networkx is not installed: skipping the read_graphml check")
            return
        }
        let read = try python("import sys, networkx as nx\ng = nx.read_graphml(sys.argv[1])\nprint(g.number_of_nodes(), g.number_of_edges(), "
                              + "sorted(d['name'] for _, d in g.nodes(data=True))[0])", [graphml], in: folder)
        #expect(read.status == 0, "\(read.stderr)")
        let edges = (graph["edges"] as? [[String: Any]] ?? []).count
        #expect(read.stdout.hasPrefix("\(nodes.count) \(edges) "))
    }

    @Test func csvAndTheWholeGraphReadBack() throws {
        let folder = try makeTemporaryDirectory()
        let store = folder.appendingPathComponent("rhizome.sqlite").path
        _ = try rhizome(["ingest", repositoryRoot.appendingPathComponent("Examples/documents").path, "--store", store], in: folder)
        let status = try decodeJSON(try rhizome(["status", "--json", "--store", store], in: folder).stdout)
        let statistics = status["statistics"] as? [String: Any] ?? [:]
        let csv = folder.appendingPathComponent("csv").path
        let written = try rhizome(["export", "--format", "csv", "-o", csv, "--store", store], in: folder)
        #expect(written.status == 0, "\(written.stderr)")
        let read = try python("import csv, sys\nn = list(csv.DictReader(open(sys.argv[1] + '/nodes.csv', newline='')))\n"
                              + "e = list(csv.DictReader(open(sys.argv[1] + '/edges.csv', newline='')))\nprint(len(n), len(e))", [csv], in: folder)
        #expect(read.stdout == "\(statistics["entities"] as? Int ?? -1) \(statistics["relations"] as? Int ?? -1)\n", "\(read.stderr)")
        let noDirectory = try rhizome(["export", "--format", "csv", "--store", store], in: folder)
        #expect(noDirectory.status != 0 && noDirectory.stderr.contains("give a directory"))
        let unknown = try rhizome(["export", "--entity", "Nobody At All", "--store", store], in: folder)
        #expect(unknown.status != 0 && unknown.stderr.contains("no entity named"))
        let query = try rhizome(["export", "--query", "Who designed SQLite?", "--format", "dot", "--store", store], in: folder)
        #expect(query.status == 0 && query.stdout.hasPrefix("graph rhizome {") && query.stdout.contains("SQLite"))
    }
}

/// `rhizome graph stats|search|neighbors|top` through the binary, JSON checked against the schemas.
@Suite struct GraphInspectionCLITests {
    @Test func everyReadCommandPrintsTextAndValidJSON() throws {
        let folder = try makeTemporaryDirectory()
        let store = folder.appendingPathComponent("rhizome.sqlite").path
        _ = try rhizome(["ingest", repositoryRoot.appendingPathComponent("Examples/documents").path, "--store", store], in: folder)
        let cases: [([String], String, String)] = [
            (["graph", "stats"], "graph-stats.schema.json", "connected components"),
            (["graph", "search", "sqlite"], "entity-list.schema.json", "SQLite (concept"),
            (["graph", "neighbors", "d. richard hipp", "--depth", "2"], "entity-list.schema.json", "1 hop  "),
            (["graph", "top", "--limit", "5"], "entity-list.schema.json", "degree"),
            (["graph", "top", "--by", "weight", "--limit", "5"], "relation-list.schema.json", "×"),
        ]
        for (arguments, schema, expected) in cases {
            let text = try rhizome(arguments + ["--store", store], in: folder)
            #expect(text.status == 0 && text.stdout.contains(expected), "\(arguments): \(text.stdout) \(text.stderr)")
            let json = try rhizome(arguments + ["--json", "--store", store], in: folder)
            #expect(json.status == 0, "\(arguments): \(json.stderr)")
            if let verdict = try validateAgainstSchema(json.stdout, schema: schema) { #expect(verdict == "valid", "\(arguments)") }
        }
        let search = try rhizome(["graph", "search", "sqlite", "--json", "--store", store], in: folder)
        #expect((try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [[String: Any]])?.first?["name"] as? String == "SQLite")
    }
}
