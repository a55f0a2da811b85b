/// The source numbers an answer cites: `[1]`, `[2, 3]`, `[1][4]`, `[1–3]` (a range), as written by a model or
/// by the extractive generator.
public enum Citations {
    public static func numbers(in answer: String) -> Set<Int> {
        var numbers = Set<Int>()
        var rest = Substring(answer)
        while let open = rest.firstIndex(of: "[") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.prefix(40).firstIndex(of: "]") else {
                rest = after
                continue
            }
            numbers.formUnion(parse(after[..<close]))
            rest = after[after.index(after: close)...]
        }
        return numbers
    }

    /// `1`, `2, 3`, `1-3` or `1–3`; anything else inside the brackets cites nothing.
    private static func parse(_ inside: Substring) -> Set<Int> {
        var found = Set<Int>()
        for part in inside.split(separator: ",") {
            let bounds = part.split(whereSeparator: { $0 == "-" || $0 == "–" })
                .map { Int($0.trimmingCharacters(in: .whitespaces)) }
            if bounds.count == 1, let number = bounds[0] {
                found.insert(number)
            } else if bounds.count == 2, let low = bounds[0], let high = bounds[1], low <= high, high - low < 100 {
                found.formUnion(low...high)
            } else {
                return []
            }
        }
        return found
    }
}
