/// Where a document's text may be cut, in token indices: block boundaries (best), sentence and line
/// boundaries, word boundaries, and any token boundary that does not split a character (last resort).
struct ChunkLayout {
    let bytes: [UInt8]
    /// `tokenStarts[i]` is the byte where token i starts; `tokenStarts[tokenCount]` is the text's length.
    private let tokenStarts: [Int]
    private let blockStartBytes: [Int]
    private let blockPaths: [[String]]
    /// Per token boundary: 3 = block, 2 = sentence or line, 1 = word, 0 = other safe, -1 = splits a character.
    private let strength: [Int8]

    var tokenCount: Int { tokenStarts.count - 1 }

    init(document: Document, bytes: [UInt8], encoded: EncodedText) {
        self.bytes = bytes
        tokenStarts = [0] + encoded.utf8Ends
        var starts: [Int] = []
        var offset = 0
        for block in document.blocks {
            starts.append(offset)
            offset += block.text.utf8.count + Document.blockSeparator.utf8.count
        }
        blockStartBytes = starts
        blockPaths = document.blocks.map(\.headingPath)
        let blockStarts = Set(starts)
        strength = tokenStarts.map { position in
            Self.strength(at: position, bytes: bytes, blockStarts: blockStarts)
        }
    }

    private static func strength(at position: Int, bytes: [UInt8], blockStarts: Set<Int>) -> Int8 {
        if position == 0 || position == bytes.count { return 3 }
        if bytes[position] & 0xC0 == 0x80 { return -1 }
        let before = bytes[position - 1]
        if blockStarts.contains(position) || (before == 0x0A && position >= 2 && bytes[position - 2] == 0x0A) { return 3 }
        if before == 0x0A { return 2 }
        let here = bytes[position]
        if here == 0x20 || here == 0x0A {
            // Just after sentence-ending punctuation (ASCII, or the CJK full stops 。！？).
            var back = position - 1
            while back > 0, bytes[back] == 0x22 || bytes[back] == 0x27 || bytes[back] == 0x29 { back -= 1 }
            if [0x2E, 0x21, 0x3F].contains(bytes[back]) { return 2 }
            return 1
        }
        if position >= 3, bytes[position - 3] == 0xE3, bytes[position - 2] == 0x80, bytes[position - 1] == 0x82 { return 2 }
        if position >= 3, bytes[position - 3] == 0xEF, bytes[position - 2] == 0xBC,
           bytes[position - 1] == 0x81 || bytes[position - 1] == 0x9F { return 2 }
        if before == 0x20 { return 1 }
        return 0
    }

    func byteOffset(ofToken index: Int) -> Int { tokenStarts[index] }

    /// The end token of the chunk starting at `start`: the text's end if it fits, else the last block
    /// boundary that fills at least a third of the window, else the last sentence boundary that does,
    /// else the last word boundary, else the last boundary that keeps characters whole.
    func bestCut(from start: Int, maxTokens: Int) -> Int? {
        let limit = start + maxTokens
        if limit >= tokenCount { return tokenCount }
        let minimum = start + max(1, maxTokens / 3)
        for required in [Int8(3), 2] {
            if let cut = lastCut(in: minimum...limit, strength: required) { return cut }
        }
        return lastCut(in: (start + 1)...limit, strength: 1) ?? lastCut(in: (start + 1)...limit, strength: 0)
    }

    private func lastCut(in range: ClosedRange<Int>, strength required: Int8) -> Int? {
        var index = range.upperBound
        while index >= range.lowerBound {
            if strength[index] >= required { return index }
            index -= 1
        }
        return nil
    }

    /// The next earlier safe cut after `start`, for shrinking a window that re-encoded over the size.
    func previousCut(before cut: Int, after start: Int) -> Int? {
        guard cut - 1 > start else { return nil }
        return lastCut(in: (start + 1)...(cut - 1), strength: 0)
    }

    /// Where the next chunk starts: at most `overlapTokens` before `cut`, at the earliest sentence start in
    /// that span if there is one, else the earliest word boundary; its text always starts after the previous
    /// chunk's text (`previousTextStart`, a byte offset) so chunking advances.
    func overlapStart(before cut: Int, after start: Int, previousTextStart: Int, overlapTokens: Int) -> Int {
        guard overlapTokens > 0 else { return cut }
        let earliest = max(cut - overlapTokens, start + 1)
        guard earliest < cut else { return cut }
        for required in [Int8(2), 1, 0] {
            var index = earliest
            while index < cut {
                if strength[index] >= required, firstTextByte(fromToken: index) > previousTextStart { return index }
                index += 1
            }
        }
        return cut
    }

    private func firstTextByte(fromToken index: Int) -> Int {
        var byte = tokenStarts[index]
        while byte < bytes.count, Self.isSpace(bytes[byte]) { byte += 1 }
        return byte
    }

    /// The bytes of tokens `from ..< to` without leading or trailing whitespace.
    func trimmedByteRange(fromToken from: Int, toToken to: Int) -> Range<Int> {
        var lower = tokenStarts[from], upper = tokenStarts[to]
        while lower < upper, Self.isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, Self.isSpace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    /// Heading path of the block that contains `byte`.
    func headingPath(atByte byte: Int) -> [String] {
        var low = 0, high = blockStartBytes.count - 1
        guard high >= 0 else { return [] }
        while low < high {
            let mid = (low + high + 1) / 2
            if blockStartBytes[mid] <= byte { low = mid } else { high = mid - 1 }
        }
        return blockPaths[low]
    }
}
