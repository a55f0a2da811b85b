import Dispatch
import Foundation
import Synchronization

/// Vectors of one kind in one contiguous buffer, L2-normalised on load (so a dot product is the cosine)
/// and stored column by column: a query only walks the columns where it is non-zero, which for the sparse
/// offline vectors is a small fraction of the work, and for dense model vectors is no worse than rows.
public struct VectorMatrix: Sendable {
    /// Row keys: entity and relation ids as decimal strings, chunk ids as stored.
    public let keys: [String]
    public let dimension: Int
    /// Column-major: component `j` of row `r` is at `j * count + r`.
    let columns: [Float]
    private let rowOfKey: [String: Int]

    /// - Parameter values: the vectors row after row (`keys.count × dimension` floats).
    public init(keys: [String], dimension: Int, values: [Float]) {
        precondition(values.count == keys.count * dimension, "vector buffer does not match its keys")
        let count = keys.count
        var columns = [Float](repeating: 0, count: values.count)
        values.withUnsafeBufferPointer { rows in
            columns.withUnsafeMutableBufferPointer { target in
                for row in 0..<count {
                    let vector = UnsafeBufferPointer(rebasing: rows[row * dimension..<(row + 1) * dimension])
                    let norm = vector.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
                    let scale = norm > 0 ? 1 / norm : 0
                    for component in 0..<dimension { target[component * count + row] = vector[component] * scale }
                }
            }
        }
        self.keys = keys
        self.dimension = dimension
        self.columns = columns
        self.rowOfKey = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// A matrix from columns already normalised and laid out column-major (a stored snapshot).
    init(keys: [String], dimension: Int, columns: [Float]) {
        precondition(columns.count == keys.count * dimension, "vector buffer does not match its keys")
        self.keys = keys
        self.dimension = dimension
        self.columns = columns
        rowOfKey = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The normalised vectors, column-major, as stored in a snapshot.
    var columnValues: [Float] { columns }

    public var count: Int { keys.count }

    /// The best `limit` rows for each query vector with cosine at least `threshold`, best first (ties by
    /// key). Rows are split across the cores and walked in blocks that stay in cache.
    public func nearest(to queries: [[Float]], limit: Int, threshold: Float) -> [[(key: String, score: Float)]] {
        let queries = queries.map { Self.normalised($0, dimension: dimension) }
        guard count > 0, limit > 0, !queries.isEmpty else { return queries.map { _ in [] } }
        let nonZero = queries.map { query in query.indices.filter { query[$0] != 0 } }
        let slices = min(ProcessInfo.processInfo.activeProcessorCount, max(1, count / 8192))
        let partials = Mutex<[[TopK]]>([])
        let (count, blockSize) = (self.count, 2048)
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let rows = (count * slice / slices)..<(count * (slice + 1) / slices)
            var best = queries.map { _ in TopK(limit: limit) }
            var scores = [Float](repeating: 0, count: blockSize)
            columns.withUnsafeBufferPointer { matrix in
                scores.withUnsafeMutableBufferPointer { scores in
                    for blockStart in stride(from: rows.lowerBound, to: rows.upperBound, by: blockSize) {
                        let width = min(blockSize, rows.upperBound - blockStart)
                        for (index, query) in queries.enumerated() {
                            for row in 0..<width { scores[row] = 0 }
                            for component in nonZero[index] {
                                Self.addScaled(matrix.baseAddress! + component * count + blockStart, query[component],
                                               into: scores.baseAddress!, width)
                            }
                            for row in 0..<width where scores[row] >= threshold {
                                best[index].offer(row: blockStart + row, score: scores[row])
                            }
                        }
                    }
                }
            }
            partials.withLock { $0.append(best) }
        }
        let merged = partials.withLock { $0 }
        return queries.indices.map { index in
            var top = TopK(limit: limit)
            for partial in merged { for item in partial[index].items { top.offer(row: item.row, score: item.score) } }
            return top.sorted(keys: keys).map { (keys[$0.row], $0.score) }
        }
    }

    /// Cosines between a query and the rows stored under `keys` (nil for a key with no vector); the query
    /// is normalised once for all of them.
    public func similarities(of query: [Float], toKeys keys: [String]) -> [Float?] {
        let query = Self.normalised(query, dimension: dimension)
        let components = query.indices.filter { query[$0] != 0 }
        return keys.map { key in
            rowOfKey[key].map { row in components.reduce(Float(0)) { $0 + query[$1] * columns[$1 * count + row] } }
        }
    }

    static func normalised(_ vector: [Float], dimension: Int) -> [Float] {
        guard vector.count == dimension else { return [Float](repeating: 0, count: dimension) }
        let norm = vector.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? vector.map { $0 / norm } : vector
    }

    /// `scores[0..<count] += weight × column[0..<count]`, eight lanes at a time.
    @inline(__always)
    static func addScaled(_ column: UnsafePointer<Float>, _ weight: Float, into scores: UnsafeMutablePointer<Float>, _ count: Int) {
        let lanesOfWeight = SIMD8<Float>(repeating: weight)
        var index = 0
        while index + 8 <= count {
            let value = UnsafeRawPointer(column + index).loadUnaligned(as: SIMD8<Float>.self)
            let sum = UnsafeRawPointer(scores + index).loadUnaligned(as: SIMD8<Float>.self) + value * lanesOfWeight
            UnsafeMutableRawPointer(scores + index).storeBytes(of: sum, as: SIMD8<Float>.self)
            index += 8
        }
        while index < count {
            scores[index] += column[index] * weight
            index += 1
        }
    }
}

/// The `limit` best (row, score) pairs seen so far.
private struct TopK {
    let limit: Int
    var items: [(row: Int, score: Float)] = []
    var floor: Float = -.infinity

    init(limit: Int) { self.limit = limit }

    mutating func offer(row: Int, score: Float) {
        if items.count >= limit, score < floor { return }
        items.append((row, score))
        if items.count >= limit * 2 { compact() }
    }

    private mutating func compact() {
        items.sort { $0.score != $1.score ? $0.score > $1.score : $0.row < $1.row }
        items.removeLast(items.count - limit)
        floor = items.last!.score
    }

    func sorted(keys: [String]) -> [(row: Int, score: Float)] {
        Array(items.sorted { $0.score != $1.score ? $0.score > $1.score : keys[$0.row] < keys[$1.row] }.prefix(limit))
    }
}
