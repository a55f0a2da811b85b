/// Recognises undeclared Korean, Japanese and Chinese legacy encodings (EUC-KR/CP949, Shift_JIS/CP932,
/// EUC-JP, GBK/GB18030, Big5): each candidate decodes a sample, and the one whose text is richest in the
/// language's most frequent characters wins. Byte ranges overlap between these encodings (EUC-KR Hangul
/// decodes as valid GB2312 Han), so validity alone cannot decide; frequency can.
enum LegacyCJKSniffer {
    /// The best-fitting encoding, or nil when none reads as natural text.
    static func bestEncoding(for bytes: [UInt8]) -> String? {
        let sample = Array(bytes.prefix(65_536))
        let nonASCIIBytes = sample.count { $0 >= 0x80 }
        guard nonASCIIBytes >= 4 else { return nil }
        var best: (name: String, score: Double)?
        for candidate in candidates {
            guard let decoded = try? Transcoder.decode(sample, from: candidate.name) else { continue }
            // A cut multi-byte character at the sample's end is not the encoding's fault.
            guard Double(decoded.replacements) <= max(1, Double(nonASCIIBytes) * 0.002) else { continue }
            let score = candidate.score(decoded.text)
            if score > (best?.score ?? 0.12) { best = (candidate.name, score) }
        }
        return best?.name
    }

    private struct Candidate: Sendable {
        let name: String
        let score: @Sendable (String) -> Double
    }

    private static let candidates: [Candidate] = [
        Candidate(name: "CP949") { share(of: $0) { frequentHangul.contains($0) } },
        Candidate(name: "CP932") { share(of: $0, where: isJapanese) },
        Candidate(name: "EUC-JP") { share(of: $0, where: isJapanese) },
        Candidate(name: "GB18030") { share(of: $0) { frequentSimplifiedHan.contains($0) } },
        Candidate(name: "BIG5-HKSCS") { share(of: $0) { frequentTraditionalHan.contains($0) } },
    ]

    /// The share of non-ASCII scalars in `text` that satisfy `isTypical`.
    private static func share(of text: String, where isTypical: (Unicode.Scalar) -> Bool) -> Double {
        var total = 0
        var typical = 0
        for scalar in text.unicodeScalars where !scalar.isASCII && scalar != "\u{FFFD}" {
            total += 1
            if isTypical(scalar) { typical += 1 }
        }
        return total == 0 ? 0 : Double(typical) / Double(total)
    }

    /// Hiragana, and the Japanese full-width punctuation 、。「」: together they make up much of any
    /// Japanese text and almost nothing of mis-decoded Korean or Chinese.
    private static func isJapanese(_ scalar: Unicode.Scalar) -> Bool {
        (0x3041...0x309F).contains(scalar.value) || [0x3001, 0x3002, 0x300C, 0x300D, 0x30FC].contains(scalar.value)
    }

    private static let frequentHangul = Set("이다는의에하고을를가지서한기로사나리있도어으수자일게시정대인전해적여니제아만그들요부주습원구것동상었라보성장면용경우과했내국마무되와할없모학소은".unicodeScalars)
    private static let frequentSimplifiedHan = Set("的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心本前开但因只从想实文件使数据".unicodeScalars)
    private static let frequentTraditionalHan = Set("的一是不了在人有我他這個們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過發後作裡用道行所然家種事成方多經麼去法學如都同現當沒動面起看定天分還進好小部其些主樣理心本前開但因只從想實文件使數據".unicodeScalars)
}
