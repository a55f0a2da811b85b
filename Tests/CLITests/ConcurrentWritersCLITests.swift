import Foundation
import Testing

/// Two `rhizome ingest` processes on one store at once: the graph they leave is the graph one process
/// would have built from all the files (each commit checks that nobody committed since it read).
@Suite struct ConcurrentWritersCLITests {
    /// Files that all mention the same two names, so every commit rebuilds the same entities.
    func writeCorpus(_ folder: URL, half: String, count: Int) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for index in 0..<count {
            let text = """
                # Report \(half)\(index)

                The Zephyr Institute in Lisbon hired Marta Quintela for Project \(half)\(index)x. \
                Marta Quintela leads Project \(half)\(index)x with the Zephyr Institute.
                """
            try text.write(to: folder.appendingPathComponent("\(half)-\(index).md"), atomically: true, encoding: .utf8)
        }
    }

    /// Entities and relations as export shows them, without the row ids that depend on commit order.
    func graph(of store: String, in folder: URL) throws -> [String] {
        let result = try rhizome(["export", "--format", "json", "--store", store], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try decodeJSON(result.stdout)
        let nodes = (json["nodes"] as? [[String: Any]] ?? []).map { node in
            "\(node["name"] ?? "")|\(node["type"] ?? "")|\(node["degree"] ?? "")|\((node["chunks"] as? [String] ?? []).sorted())|\(node["description"] ?? "")"
        }
        // Relations are undirected; which endpoint is listed first follows which document came first.
        let edges = (json["edges"] as? [[String: Any]] ?? []).map { edge in
            [edge["source"] as? String ?? "", edge["target"] as? String ?? ""].sorted().joined(separator: "—") + "|\(edge["weight"] ?? "")|\((edge["chunks"] as? [String] ?? []).sorted())|\(edge["description"] ?? "")"
        }
        return nodes.sorted() + ["|"] + edges.sorted()
    }

    @Test func twoProcessesIngestingAtOnceBuildTheGraphOneWould() throws {
        let folder = try makeTemporaryDirectory()
        let corpus = folder.appendingPathComponent("corpus")
        try writeCorpus(corpus.appendingPathComponent("a"), half: "a", count: 25)
        try writeCorpus(corpus.appendingPathComponent("b"), half: "b", count: 25)

        let processes = try ["a", "b"].map { half in
            let process = Process()
            process.executableURL = rhizomeBinary
            process.arguments = ["ingest", "corpus/\(half)", "--store", "shared.sqlite", "--quiet"]
            process.currentDirectoryURL = folder
            process.environment = childEnvironment([:])
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })

        let alone = try rhizome(["ingest", "corpus/a", "corpus/b", "--store", "alone.sqlite", "--quiet"], in: folder)
        #expect(alone.status == 0, "\(alone.stderr)")
        let shared = try graph(of: "shared.sqlite", in: folder)
        #expect(shared.contains { $0.hasPrefix("Zephyr Institute|") })
        #expect(shared == (try graph(of: "alone.sqlite", in: folder)))
    }
}
