/// Removes a thinking model's `<think>…</think>` spans from a streamed answer, however the tags are cut
/// across pieces, so reasoning never reaches the parser, the cache or the reader.
struct ThinkingFilter {
    private static let open = "<think>"
    private static let close = "</think>"
    private var inside = false
    private var pending = ""

    /// The visible part of `piece` (text that might be the start of a tag is held back until it is known).
    mutating func visible(_ piece: String) -> String {
        pending += piece
        var output = ""
        while true {
            let tag = inside ? Self.close : Self.open
            if let range = pending.range(of: tag) {
                if !inside { output += pending[..<range.lowerBound] }
                pending = String(pending[range.upperBound...])
                inside.toggle()
                continue
            }
            // Keep back a tail that could still grow into the tag.
            let keep = Self.partialTagLength(pending, tag: tag)
            let cut = pending.index(pending.endIndex, offsetBy: -keep)
            if !inside { output += pending[..<cut] }
            pending = String(pending[cut...])
            return output
        }
    }

    /// What is left at the end of the answer (an unfinished tag is shown, an unclosed thought is not).
    mutating func finish() -> String {
        defer { pending = "" }
        return inside ? "" : pending
    }

    private static func partialTagLength(_ text: String, tag: String) -> Int {
        for length in stride(from: min(tag.count - 1, text.count), to: 0, by: -1)
        where tag.hasPrefix(text.suffix(length)) {
            return length
        }
        return 0
    }
}

/// Notices a model repeating itself: the same line again and again, or one phrase looping without a line
/// break (`introduced write-ahead logging (WAL) in July 2010,` ×100). Small models do this until the server's
/// token limit; the guard lets the caller stop paying for it.
struct RepetitionGuard {
    /// A line seen this many times is a loop.
    var maximumLineRepeats = 4
    /// A period of 8…120 characters repeated this many times at the end is a loop.
    var maximumPhraseRepeats = 6
    private var lineCounts: [String: Int] = [:]
    private var currentLine = ""
    private var length = 0
    private var lastPhraseCheck = 0

    /// Whether the answer, now `answer` after `piece` arrived, ends in a loop; if so, where to cut it so
    /// that one copy of what repeats is kept.
    mutating func loopStart(after piece: String, in answer: String) -> String.Index? {
        length += piece.count
        for character in piece {
            guard character == "\n" else { currentLine.append(character); continue }
            let line = currentLine.trimmingCharacters(in: .whitespaces)
            currentLine = ""
            guard line.count >= 12 else { continue }
            lineCounts[line, default: 0] += 1
            if lineCounts[line]! >= maximumLineRepeats { return answer.range(of: line)?.upperBound }
        }
        guard length - lastPhraseCheck >= 48 else { return nil }
        lastPhraseCheck = length
        return repeatedTail(answer)
    }

    /// After the first period of a tail made of one period repeated `maximumPhraseRepeats` times or more.
    private func repeatedTail(_ answer: String) -> String.Index? {
        let characters = Array(answer.suffix(120 * maximumPhraseRepeats))
        let count = characters.count
        for period in 8...120 where period * maximumPhraseRepeats <= count {
            let span = period * maximumPhraseRepeats
            var repeats = true
            for offset in (count - span)..<(count - period) where characters[offset] != characters[offset + period] {
                repeats = false
                break
            }
            if repeats { return answer.index(answer.endIndex, offsetBy: -span + period) }
        }
        return nil
    }
}
