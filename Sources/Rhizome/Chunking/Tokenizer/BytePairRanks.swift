import Foundation

/// The byte-pair vocabulary: token byte strings and their ranks, in an open-addressing hash table over
/// one contiguous byte arena (much faster than `Dictionary<[UInt8], Int>` for the millions of look-ups
/// an ingest makes).
struct BytePairRanks: Sendable {
    private let arena: [UInt8]
    /// `tokenStart[rank] ..< tokenStart[rank + 1]` is the token's range in `arena`.
    private let tokenStart: [Int32]
    /// Slot → rank + 1 (0 = empty).
    private let slots: [Int32]
    private let slotMask: Int
    /// Rank of each single byte, the merge's starting symbols.
    let byteRanks: [Int32]

    var count: Int { tokenStart.count - 1 }

    /// Builds the table from the tokens' bytes laid end to end in rank order: token `rank` is
    /// `arena[starts[rank] ..< starts[rank + 1]]` (every rank present, from 0).
    init(arena: [UInt8], starts: [Int32]) throws(TokenizerError) {
        let count = starts.count - 1
        var capacity = 1
        while capacity < count * 2 { capacity <<= 1 }
        var slots = [Int32](repeating: 0, count: capacity)
        var byteRanks = [Int32](repeating: -1, count: 256)
        arena.withUnsafeBufferPointer { bytes in
            for rank in 0..<count {
                let token = UnsafeBufferPointer(rebasing: bytes[Int(starts[rank])..<Int(starts[rank + 1])])
                if token.count == 1 { byteRanks[Int(token[0])] = Int32(rank) }
                var slot = Self.hash(token) & (capacity - 1)
                while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
                slots[slot] = Int32(rank + 1)
            }
        }
        guard !byteRanks.contains(-1) else { throw .invalidVocabulary("not every single byte is a token") }
        self.arena = arena
        self.tokenStart = starts
        self.slots = slots
        self.slotMask = capacity - 1
        self.byteRanks = byteRanks
    }

    /// Rank of the token whose bytes are exactly `bytes`, or nil.
    @inline(__always)
    func rank(of bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        var slot = Self.hash(bytes) & slotMask
        return arena.withUnsafeBufferPointer { arena -> Int32? in
            tokenStart.withUnsafeBufferPointer { starts -> Int32? in
                slots.withUnsafeBufferPointer { slots -> Int32? in
                    while true {
                        let entry = slots[slot]
                        if entry == 0 { return nil }
                        let rank = Int(entry - 1)
                        let start = Int(starts[rank])
                        let length = Int(starts[rank + 1]) - start
                        if length == bytes.count,
                           memcmp(arena.baseAddress! + start, bytes.baseAddress!, length) == 0 {
                            return Int32(rank)
                        }
                        slot = (slot + 1) & slotMask
                    }
                }
            }
        }
    }

    /// The bytes of a token, or nil for an unknown rank.
    func bytes(ofRank rank: Int) -> ArraySlice<UInt8>? {
        guard rank >= 0, rank < count else { return nil }
        return arena[Int(tokenStart[rank])..<Int(tokenStart[rank + 1])]
    }

    /// A fast multiplicative hash over 8-byte words (wyhash-style mixing).
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
        var index = 0
        let count = bytes.count
        while index + 8 <= count {
            let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
            h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            index += 8
        }
        if index < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < count {
                tail |= UInt64(bytes[index]) << shift
                shift += 8
                index += 1
            }
            h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return Int(truncatingIfNeeded: h)
    }
}
