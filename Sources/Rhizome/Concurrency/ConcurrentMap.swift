import Foundation

extension Array where Element: Sendable {
    /// `transform` applied to every element with at most `limit` running at once; the results keep the
    /// elements' order, so the outcome is the same whatever the limit. The first error cancels the rest.
    func concurrentMap<Result: Sendable>(limit: Int,
                                         _ transform: @escaping @Sendable (Element) async throws -> Result) async throws -> [Result] {
        if limit <= 1 || count <= 1 {
            var results: [Result] = []
            results.reserveCapacity(count)
            for element in self { results.append(try await transform(element)) }
            return results
        }
        return try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var results = [Result?](repeating: nil, count: count)
            var next = 0
            func startNext() {
                guard next < count else { return }
                let (index, element) = (next, self[next])
                next += 1
                group.addTask { (index, try await transform(element)) }
            }
            for _ in 0..<Swift.min(limit, count) { startNext() }
            while let (index, result) = try await group.next() {
                results[index] = result
                startNext()
            }
            return results.map { $0! }
        }
    }
}
