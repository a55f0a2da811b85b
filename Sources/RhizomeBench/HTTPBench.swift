import AsyncHTTPClient
import Foundation
import NIOCore
import Rhizome
import RhizomeServer
import Synchronization

typealias WebClient = AsyncHTTPClient.HTTPClient

/// Queries per second and latency through `rhizome serve`'s HTTP API on a synthetic store, first on a
/// quiet store, then while an ingest job (a folder scan) runs on the same server.
enum HTTPBench {
    static func run(entities: Int, clients: Int, seconds: Double, tokenizer: O200kTokenizer, folder: URL) async throws {
        let path = folder.appendingPathComponent("http-\(entities).sqlite").path
        let store = try KnowledgeBackends.open(path: path, createIfMissing: true, request: StoreSettingsRequest(tokenizer: tokenizer.name))
        try await GraphBench.buildSyntheticGraph(entities: entities, store: store, tokenizer: tokenizer)
        var generator = CorpusGenerator(seed: 0xC0FFEE)
        let corpus = folder.appendingPathComponent("http-corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        _ = try generator.write(count: 80, sections: 6, into: corpus)

        let knowledgeBase = try await KnowledgeBase.open(.init(storePath: path), providers: .offline(tokenizer: tokenizer), tokenizer: tokenizer)
        // Embeds the synthetic graph, so the server starts on a complete store.
        _ = try await knowledgeBase.ingest([.bytes(Array("# Warm-up\n\nEntity 1 works with Entity 2.".utf8), storedPath: "warm-up.md", format: .markdown)])
        let statistics = try await knowledgeBase.stored.statistics()
        let port = try await start(RhizomeServer(knowledgeBase: knowledgeBase, settings: ServerSettings(port: 0, scanFolder: corpus)))
        let base = "http://127.0.0.1:\(port)"
        let client = WebClient(eventLoopGroupProvider: .singleton)
        _ = try await query(client, base, entities: entities)   // loads the vectors once

        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        let quiet = try await load(client, base, entities: entities, clients: clients) { ContinuousClock.now < deadline }
        print(String(format: "HTTP POST /query (mix, offline, extractive answer), %d entities / %d relations, %d clients: %.0f queries/s, p50 %.1f ms, p95 %.1f ms (%d queries, %d failed)",
                     statistics.entities, statistics.relations, clients, quiet.rate, quiet.p50, quiet.p95, quiet.count, quiet.failed))

        let job = try await scan(client, base)
        let clock = ContinuousClock()
        let started = clock.now
        // One watcher polls the job; the clients only read its flag, so the load is queries alone.
        let finished = Mutex(false)
        let watcher = Task {
            while !((try? await jobFinished(client, base, job)) ?? true) { try? await Task.sleep(for: .milliseconds(100)) }
            finished.withLock { $0 = true }
        }
        let busy = try await load(client, base, entities: entities, clients: clients) { !finished.withLock { $0 } }
        await watcher.value
        print(String(format: "  the same while an ingest job ran (POST /documents/scan, 80 documents, %.1f s): %.0f queries/s, p50 %.1f ms, p95 %.1f ms (%d queries, %d failed)",
                     (clock.now - started).seconds, busy.rate, busy.p50, busy.p95, busy.count, busy.failed))
        try await client.shutdown()
    }

    /// Starts the server in the background and returns the port it bound.
    static func start(_ server: RhizomeServer) async throws -> Int {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        Task { try await server.run { continuation.yield($0) } }
        for await port in ports { return port }
        throw CancellationError()
    }

    struct LoadResult { var count: Int; var failed: Int; var rate: Double; var p50: Double; var p95: Double }

    /// `clients` loops of questions, each going on while `keepGoing` says so.
    static func load(_ client: WebClient, _ base: String, entities: Int, clients: Int,
                     keepGoing: @escaping @Sendable () async -> Bool) async throws -> LoadResult {
        let clock = ContinuousClock()
        let started = clock.now
        let outcomes = try await withThrowingTaskGroup(of: [(Double, Bool)].self) { group in
            for _ in 0..<clients {
                group.addTask {
                    var outcomes: [(Double, Bool)] = []
                    while await keepGoing() {
                        let start = clock.now
                        let succeeded = (try? await query(client, base, entities: entities)) ?? false
                        outcomes.append(((clock.now - start).milliseconds, succeeded))
                    }
                    return outcomes
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        let elapsed = (clock.now - started).seconds
        let times = outcomes.map(\.0).sorted()
        guard !times.isEmpty else { return LoadResult(count: 0, failed: 0, rate: 0, p50: 0, p95: 0) }
        return LoadResult(count: times.count, failed: outcomes.filter { !$0.1 }.count, rate: Double(times.count) / elapsed,
                          p50: times[times.count / 2], p95: times[min(times.count - 1, times.count * 95 / 100)])
    }

    static func query(_ client: WebClient, _ base: String, entities: Int) async throws -> Bool {
        let (a, b) = (Int.random(in: 0..<entities), Int.random(in: 0..<entities))
        var request = HTTPClientRequest(url: base + "/query")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: #"{"query": "How is Entity \#(a) linked to Entity \#(b)?", "mode": "mix"}"#))
        let response = try await client.execute(request, timeout: .seconds(60))
        _ = try await response.body.collect(upTo: 16 << 20)
        return response.status == .ok
    }

    static func scan(_ client: WebClient, _ base: String) async throws -> String {
        var request = HTTPClientRequest(url: base + "/documents/scan")
        request.method = .POST
        let response = try await client.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 1 << 20)
        let job = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        guard response.status == .accepted, let id = job?["id"] as? String else { throw CancellationError() }
        return id
    }

    static func jobFinished(_ client: WebClient, _ base: String, _ id: String) async throws -> Bool {
        let response = try await client.execute(HTTPClientRequest(url: base + "/jobs/" + id), timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 1 << 20)
        let job = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        return ["succeeded", "failed"].contains(job?["status"] as? String)
    }
}
