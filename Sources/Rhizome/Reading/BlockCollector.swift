/// Accumulates blocks and the heading path they sit under; shared by every reader.
struct BlockCollector {
    private(set) var blocks: [Block] = []
    private var headings: [(level: Int, text: String)] = []

    var headingPath: [String] { headings.map(\.text) }

    /// Opens a heading at `level` (1 = outermost), closing any at the same or deeper level.
    mutating func addHeading(_ text: String, level: Int) {
        let text = text.collapsingWhitespace
        guard !text.isEmpty else { return }
        headings.removeAll { $0.level >= level }
        headings.append((level, text))
        blocks.append(Block(kind: .heading, text: text, headingPath: headingPath))
    }

    /// Closes headings at `level` and deeper (a section ended).
    mutating func closeHeadings(from level: Int) {
        headings.removeAll { $0.level >= level }
    }

    /// Adds a block unless its text is blank; code keeps its text verbatim.
    mutating func add(_ kind: BlockKind, _ text: String) {
        let text = kind == .code ? text.trimmingBlankLines : text.trimmingSpacesOnEachLineEnd
        guard !text.collapsingWhitespace.isEmpty else { return }
        blocks.append(Block(kind: kind, text: text, headingPath: headingPath))
    }
}

extension String {
    /// Leading and trailing blank lines removed; other whitespace kept (a line's final CR dropped).
    var trimmingBlankLines: String { trimmingLines(trailingSpaces: false) }

    /// Blank lines at the ends and trailing spaces on every line removed.
    var trimmingSpacesOnEachLineEnd: String { trimmingLines(trailingSpaces: true) }

    /// Works on UTF-8 bytes: this runs on every block of every document.
    private func trimmingLines(trailingSpaces: Bool) -> String {
        let bytes = Array(utf8)
        var lines: [Range<Int>] = []
        var lineStart = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
            var end = index
            if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }
            if trailingSpaces { while end > lineStart, bytes[end - 1] == 0x20 { end -= 1 } }
            lines.append(lineStart..<end)
            lineStart = index + 1
        }
        func isBlank(_ line: Range<Int>) -> Bool {
            String(decoding: bytes[line], as: UTF8.self).unicodeScalars.allSatisfy(\.isFastWhitespace)
        }
        var first = 0
        var last = lines.count - 1
        while first <= last, isBlank(lines[first]) { first += 1 }
        while last >= first, isBlank(lines[last]) { last -= 1 }
        guard first <= last else { return "" }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for (position, line) in lines[first...last].enumerated() {
            if position > 0 { result.append(0x0A) }
            result.append(contentsOf: bytes[line])
        }
        return String(decoding: result, as: UTF8.self)
    }
}
