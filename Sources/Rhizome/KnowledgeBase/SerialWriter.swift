/// Runs changes to one store one after another, in the order they were asked for. An actor alone would
/// not do: while one change awaits (a model call, an embedding), the actor would let the next one start
/// and the two could interleave a read-rebuild-write of the same entity.
actor SerialWriter {
    private var last: Task<Void, Never>?

    /// Runs `change` once every change asked for before it has finished.
    func run<Result: Sendable>(_ change: @escaping @Sendable () async throws -> Result) async throws -> Result {
        let previous = last
        let task = Task<Result, any Error> {
            await previous?.value
            return try await change()
        }
        last = Task { _ = try? await task.value }
        return try await task.value
    }
}
