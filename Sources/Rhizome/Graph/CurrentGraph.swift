/// The one way a change reaches the graph when other writers may be at work (another process on the same
/// file): the change is worked out from the graph as it is now, committed against the version it read
/// (`GraphCommit.basedOnVersion`), and worked out again when another writer committed in between. Ingest,
/// hand edits and imports all go through it.
public enum CurrentGraph {
    /// How often a change is worked out again before `StoreError.concurrentChange` is given up on.
    public static let attempts = 20

    /// Runs `change` with the graph's current version until its commit is not refused as concurrent,
    /// pausing a little longer (1–20 ms × attempt, random) after each refusal so two writers fall out of step.
    public static func change<Result>(in store: any GraphStore,
                                      _ change: (_ version: Int) async throws -> Result) async throws -> Result {
        var attempt = 1
        while true {
            do {
                return try await change(try await store.graphVersion())
            } catch {
                guard isConcurrentChange(error), attempt < attempts else { throw error }
            }
            try await Task.sleep(nanoseconds: UInt64(Int.random(in: 1...20) * attempt) * 1_000_000)
            attempt += 1
        }
    }

    private static func isConcurrentChange(_ error: any Error) -> Bool {
        (error as? StoreError) == .concurrentChange
    }
}
