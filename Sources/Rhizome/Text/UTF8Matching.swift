/// Byte-wise affix tests and counts. `hasSuffix` and `components(separatedBy:)` compare by Unicode canonical
/// equivalence, which is slow on non-ASCII text; on text in one normal form (what the readers produce) the
/// byte-wise answer is the same, and the extractor asks these questions for every word of every chunk.
extension StringProtocol {
    func hasUTF8Suffix(_ suffix: some StringProtocol) -> Bool {
        let count = suffix.utf8.count
        return utf8.count >= count && utf8.suffix(count).elementsEqual(suffix.utf8)
    }

    /// How many times `part` occurs in the string, counting non-overlapping occurrences from the start.
    func utf8Occurrences(of part: some StringProtocol) -> Int {
        let needle = Array(part.utf8)
        let haystack = Array(utf8)
        guard !needle.isEmpty, needle.count <= haystack.count else { return 0 }
        var count = 0
        var start = 0
        while start + needle.count <= haystack.count {
            if haystack[start] == needle[0], haystack[start..<start + needle.count].elementsEqual(needle) {
                count += 1
                start += needle.count
            } else {
                start += 1
            }
        }
        return count
    }
}
