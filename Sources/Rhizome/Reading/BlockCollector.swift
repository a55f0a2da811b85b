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
    /// Leading and trailing blank lines removed; other whitespace kept.
    var trimmingBlankLines: String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false)
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines.map { $0.last == "\r" ? String($0.dropLast()) : String($0) }.joined(separator: "\n")
    }

    /// Blank lines at the ends and trailing spaces on every line removed.
    var trimmingSpacesOnEachLineEnd: String {
        trimmingBlankLines.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in String(line.reversed().drop { $0 == " " }.reversed()) }
            .joined(separator: "\n")
    }
}
