/// Byte-pair merging of one pre-tokenized piece: repeatedly merge the adjacent pair with the lowest rank
/// (leftmost on ties) until no pair is a token, exactly as tiktoken does.
struct BytePairMerger {
    let ranks: BytePairRanks

    /// Pieces longer than this merge through a heap (O(n log n)) instead of rescans (O(n²)).
    static let heapThreshold = 64

    /// Appends the tokens of `piece` (and each token's end, offset by `base`) to the outputs.
    func encode(_ piece: UnsafeBufferPointer<UInt8>, base: Int, tokens: inout [Int], ends: inout [Int]) {
        if piece.count == 1 {
            tokens.append(Int(ranks.byteRanks[Int(piece[0])]))
            ends.append(base + 1)
            return
        }
        if let rank = ranks.rank(of: piece) {
            tokens.append(Int(rank))
            ends.append(base + piece.count)
            return
        }
        let boundaries = piece.count > Self.heapThreshold ? mergeWithHeap(piece) : mergeByScanning(piece)
        for index in 0..<(boundaries.count - 1) {
            let start = boundaries[index], end = boundaries[index + 1]
            let part = UnsafeBufferPointer(rebasing: piece[start..<end])
            tokens.append(Int(ranks.rank(of: part) ?? ranks.byteRanks[Int(part[0])]))
            ends.append(base + end)
        }
    }

    private func pairRank(_ piece: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int32 {
        ranks.rank(of: UnsafeBufferPointer(rebasing: piece[start..<end])) ?? Int32.max
    }

    /// tiktoken's algorithm: symbol starts with the rank of each symbol merged with its right neighbour.
    private func mergeByScanning(_ piece: UnsafeBufferPointer<UInt8>) -> [Int] {
        var starts = Array(0...piece.count)
        var pairRanks = [Int32](repeating: .max, count: piece.count + 1)
        for i in 0..<(piece.count - 1) { pairRanks[i] = pairRank(piece, i, i + 2) }
        while true {
            var best = Int32.max, bestIndex = -1
            for i in 0..<(starts.count - 2) where pairRanks[i] < best {
                best = pairRanks[i]
                bestIndex = i
            }
            guard bestIndex >= 0 else { break }
            starts.remove(at: bestIndex + 1)
            pairRanks.remove(at: bestIndex + 1)
            pairRanks[bestIndex] = bestIndex + 2 < starts.count
                ? pairRank(piece, starts[bestIndex], starts[bestIndex + 2]) : .max
            if bestIndex > 0 {
                pairRanks[bestIndex - 1] = pairRank(piece, starts[bestIndex - 1], starts[bestIndex + 1])
            }
        }
        return starts
    }

    /// The same merge order with a linked list of symbols and a min-heap of candidate pairs.
    private func mergeWithHeap(_ piece: UnsafeBufferPointer<UInt8>) -> [Int] {
        let n = piece.count
        var end = Array(1...n)                  // symbol i covers start i ..< end[i]
        var next = Array(1...n); next[n - 1] = -1
        var previous = Array(-1..<(n - 1))
        var alive = [Bool](repeating: true, count: n)
        var heap = PairHeap()
        func push(_ left: Int) {
            let right = next[left]
            guard right >= 0 else { return }
            let rank = pairRank(piece, left, end[right])
            if rank != .max { heap.push(.init(rank: rank, left: left, leftEnd: end[left], rightEnd: end[right])) }
        }
        for i in 0..<(n - 1) { push(i) }
        while let candidate = heap.pop() {
            let left = candidate.left
            let right = next[left]
            guard alive[left], end[left] == candidate.leftEnd, right >= 0, end[right] == candidate.rightEnd
            else { continue }
            end[left] = end[right]
            alive[right] = false
            next[left] = next[right]
            if next[right] >= 0 { previous[next[right]] = left }
            if previous[left] >= 0 { push(previous[left]) }
            push(left)
        }
        var boundaries: [Int] = []
        var symbol = 0
        while symbol >= 0 { boundaries.append(symbol); symbol = next[symbol] }
        boundaries.append(n)
        return boundaries
    }
}

/// A binary min-heap of merge candidates ordered by (rank, position).
private struct PairHeap {
    struct Candidate {
        var rank: Int32
        var left: Int
        var leftEnd: Int
        var rightEnd: Int
        func precedes(_ other: Candidate) -> Bool {
            rank != other.rank ? rank < other.rank : left < other.left
        }
    }

    private var items: [Candidate] = []

    mutating func push(_ item: Candidate) {
        items.append(item)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].precedes(items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Candidate? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        guard !items.isEmpty else { return top }
        items[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < items.count, items[left].precedes(items[smallest]) { smallest = left }
            if right < items.count, items[right].precedes(items[smallest]) { smallest = right }
            guard smallest != parent else { break }
            items.swapAt(parent, smallest)
            parent = smallest
        }
        return top
    }
}
