/// Splits text into the pieces that o200k_base's byte-pair encoding runs on, exactly as the reference
/// pattern does, without a regex engine.
///
/// The reference pattern's alternatives, tried in order at each position (first match wins):
/// 1. `[^\r\n\p{L}\p{N}]?[UP]*[LO]+('s|'t|'re|'ve|'m|'ll|'d)?`
/// 2. `[^\r\n\p{L}\p{N}]?[UP]+[LO]*(contraction)?`
/// 3. `\p{N}{1,3}`
/// 4. ` ?[^\s\p{L}\p{N}]+[\r\n/]*`
/// 5. `\s*[\r\n]+`
/// 6. `\s+(?!\S)`
/// 7. `\s+`
/// where UP = Lu Lt Lm Lo M and LO = Ll Lm Lo M. Backtracking is resolved analytically in each matcher.
struct O200kPreTokenizer {
    /// Calls `body` with the UTF-8 byte range of each piece of `bytes`, in order.
    static func forEachPiece(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Void) {
        let classes = classify(bytes)
        classes.withUnsafeBufferPointer { classes in
            let scanner = Scanner(classes: classes)
            var byteOffset = 0
            var index = 0
            while index < classes.count {
                let end = scanner.matchEnd(at: index)
                var length = 0
                for i in index..<end { length += classes[i].utf8Length }
                body(byteOffset..<(byteOffset + length))
                byteOffset += length
                index = end
            }
        }
    }

    /// One class word per scalar; ASCII goes through a table, the rest through Unicode properties.
    static func classify(_ bytes: UnsafeBufferPointer<UInt8>) -> [O200kScalarClass] {
        var classes: [O200kScalarClass] = []
        classes.reserveCapacity(bytes.count)
        var position = 0
        while position < bytes.count {
            let lead = bytes[position]
            if lead < 0x80 {
                classes.append(asciiClasses[Int(lead)])
                position += 1
                continue
            }
            let (scalar, width) = decodeScalar(bytes, at: position)
            var cls = O200kScalarClass.classify(scalar)
            // Keep the byte width actually consumed, so offsets stay exact even for malformed input.
            cls = O200kScalarClass(rawValue: (cls.rawValue & ~(0x7 << O200kScalarClass.lengthShift))
                | (UInt32(width) << O200kScalarClass.lengthShift))
            classes.append(cls)
            position += width
        }
        return classes
    }

    private static let asciiClasses: [O200kScalarClass] = (0..<128).map {
        O200kScalarClass.classify(Unicode.Scalar(UInt8($0)))
    }

    /// Decodes the scalar starting at `position`; an invalid sequence decodes as U+FFFD of width 1.
    private static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[position]
        let width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        guard width > 1, position + width <= bytes.count else { return ("\u{FFFD}", 1) }
        var value = UInt32(lead) & (0xFF >> (width + 1))
        for offset in 1..<width {
            let next = bytes[position + offset]
            guard next & 0xC0 == 0x80 else { return ("\u{FFFD}", 1) }
            value = (value << 6) | UInt32(next & 0x3F)
        }
        guard let scalar = Unicode.Scalar(value) else { return ("\u{FFFD}", 1) }
        return (scalar, width)
    }
}

extension O200kPreTokenizer {
    /// Runs the seven alternatives over a class array; indices are scalar positions.
    struct Scanner {
        let classes: UnsafeBufferPointer<O200kScalarClass>

        func matchEnd(at start: Int) -> Int {
            if let end = word(at: start, upperFirst: false) { return end }
            if let end = word(at: start, upperFirst: true) { return end }
            if let end = digits(at: start) { return end }
            if let end = symbols(at: start) { return end }
            return whitespace(at: start)
        }

        private func isIn(_ set: O200kScalarClass, _ index: Int) -> Bool {
            index < classes.count && !classes[index].isDisjoint(with: set)
        }

        private func run(of set: O200kScalarClass, from index: Int) -> Int {
            var end = index
            while isIn(set, end) { end += 1 }
            return end
        }

        /// Alternatives 1 (`upperFirst == false`) and 2, trying the optional prefix first, then without it.
        private func word(at start: Int, upperFirst: Bool) -> Int? {
            if isIn(.wordPrefix, start), let end = wordBody(at: start + 1, upperFirst: upperFirst) { return end }
            return wordBody(at: start, upperFirst: upperFirst)
        }

        private func wordBody(at start: Int, upperFirst: Bool) -> Int? {
            let upperEnd = run(of: .upperRun, from: start)
            let lowerStart: Int
            if upperFirst {
                // [UP]+[LO]*: the greedy upper run must be non-empty; the lower run may be empty.
                guard upperEnd > start else { return nil }
                lowerStart = upperEnd
            } else {
                // [UP]*[LO]+: back off from the greedy upper run to the last place a lower scalar starts.
                var split = upperEnd
                while split >= start, !isIn(.lowerRun, split) { split -= 1 }
                guard split >= start else { return nil }
                lowerStart = split
            }
            let lowerEnd = run(of: .lowerRun, from: lowerStart)
            return lowerEnd + contractionLength(at: lowerEnd)
        }

        /// `'s|'t|'re|'ve|'m|'ll|'d`, case-insensitively.
        private func contractionLength(at index: Int) -> Int {
            guard isIn(.apostrophe, index), index + 1 < classes.count else { return 0 }
            let letter = classes[index + 1].foldedLetter   // 1...8 = s t m d l v r e
            if (1...4).contains(letter) { return 2 }
            guard index + 2 < classes.count else { return 0 }
            let second = classes[index + 2].foldedLetter
            switch (letter, second) {
            case (5, 5), (6, 8), (7, 8): return 3          // ll, ve, re
            default: return 0
            }
        }

        private func digits(at start: Int) -> Int? {
            var end = start
            while end < start + 3, isIn(.number, end) { end += 1 }
            return end > start ? end : nil
        }

        /// ` ?[^\s\p{L}\p{N}]+[\r\n/]*`
        private func symbols(at start: Int) -> Int? {
            let bodyStart = isIn(.space, start) && isIn(.symbol, start + 1) ? start + 1 : start
            let bodyEnd = run(of: .symbol, from: bodyStart)
            guard bodyEnd > bodyStart else { return nil }
            return run(of: [.newline, .slash], from: bodyEnd)
        }

        /// Alternatives 5–7; every remaining scalar is whitespace.
        private func whitespace(at start: Int) -> Int {
            let end = run(of: .whitespace, from: start)
            // 5: \s*[\r\n]+ ends just after the last newline in the run.
            var lastNewline = end - 1
            while lastNewline >= start, !isIn(.newline, lastNewline) { lastNewline -= 1 }
            if lastNewline >= start { return lastNewline + 1 }
            // 6: \s+(?!\S) leaves the run's last scalar to prefix the next word, unless the text ends.
            if end == classes.count || end - start >= 2 { return end == classes.count ? end : end - 1 }
            // 7: \s+
            return end
        }
    }
}
