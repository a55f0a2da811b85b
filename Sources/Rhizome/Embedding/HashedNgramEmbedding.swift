import Foundation

/// The offline embedding: deterministic, no model. Words, word pairs and character trigrams are hashed
/// into `dimension` signed buckets, weighted by an IDF stand-in (a word's o200k rank: frequent words got
/// low ranks when the vocabulary was built, so rank tracks rarity without any corpus statistics), and the
/// vector is L2-normalised. It captures shared vocabulary and spelling, not meaning: synonyms that share no
/// words stay far apart. Good enough for offline search; use a real model for semantic recall.
public struct HashedNgramEmbedding: EmbeddingModel {
    public static let defaultDimension = 384
    public let dimension: Int
    let tokenizer: any Tokenizer

    public init(dimension: Int = Self.defaultDimension, tokenizer: any Tokenizer) {
        self.dimension = max(16, dimension)
        self.tokenizer = tokenizer
    }

    public var descriptor: ModelDescriptor { ModelDescriptor(provider: "offline", model: "hashed-ngrams-v1") }

    public func embed(_ texts: [String], as input: EmbeddingInput) async throws -> [[Float]] {
        var weights = WordWeights(tokenizer: tokenizer)
        return texts.map { vector($0, weights: &weights) }
    }

    public func vector(_ text: String) -> [Float] {
        var weights = WordWeights(tokenizer: tokenizer)
        return vector(text, weights: &weights)
    }

    /// Each feature is hashed from its bytes in place: `w:` + word, `c:` + a character trigram of `#word#`,
    /// `b:` + word + space + next word (the feature strings themselves are never built).
    func vector(_ text: String, weights cache: inout WordWeights) -> [Float] {
        var vector = [Float](repeating: 0, count: dimension)
        let words = Self.words(text).map { Array($0.utf8) }
        let weights = words.map { cache.weight(of: $0) }
        for (index, word) in words.enumerated() {
            add(FeatureHash("w:").adding(word), weights[index], to: &vector)
            addTrigrams(of: word, weight: weights[index], to: &vector)
            if index + 1 < words.count {
                let pair = FeatureHash("b:").adding(word).adding(CollectionOfOne(0x20)).adding(words[index + 1])
                add(pair, 0.7 * min(weights[index], weights[index + 1]), to: &vector)
            }
        }
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? vector.map { $0 / norm } : vector
    }

    /// The character trigrams of `#word#`, sharing half the word's weight.
    private func addTrigrams(of word: [UInt8], weight: Float, to vector: inout [Float]) {
        let padded = [0x23] + word + [0x23]
        let bounds = Self.characterBounds(padded)
        let characters = bounds.count - 1
        guard characters > 3 else { return }
        let share = weight * 0.5 / Float(characters - 2).squareRoot()
        for start in 0...(characters - 3) {
            add(FeatureHash("c:").adding(padded[bounds[start]..<bounds[start + 3]]), share, to: &vector)
        }
    }

    /// Byte offsets where the characters (grapheme clusters) of `utf8` start, then its end.
    private static func characterBounds(_ utf8: [UInt8]) -> [Int] {
        if utf8.allSatisfy({ $0 < 0x80 }) { return Array(0...utf8.count) }
        let text = String(decoding: utf8, as: UTF8.self)
        return text.indices.map { text.utf8.distance(from: text.startIndex, to: $0) } + [utf8.count]
    }

    /// The text's words, NFKC-folded and lower-cased, split at anything not a letter or a digit.
    static func words(_ text: String) -> [String] {
        text.utf8.allSatisfy({ $0 < 0x80 }) ? asciiWords(text) : unicodeWords(text)
    }

    static func unicodeWords(_ text: String) -> [String] {
        text.precomposedStringWithCompatibilityMapping.lowercased()
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    /// The same for ASCII text, byte by byte: NFKC leaves ASCII as it is, and there the letters and digits
    /// are exactly `A–Z`, `a–z` and `0–9` (no Unicode property look-ups, which are most of the cost).
    static func asciiWords(_ text: String) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case 0x41...0x5A: current.append(byte + 0x20)
            case 0x61...0x7A, 0x30...0x39: current.append(byte)
            default:
                if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true) }
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words
    }

    private func add(_ feature: FeatureHash, _ weight: Float, to vector: inout [Float]) {
        let bucket = Int(feature.value % UInt64(dimension))
        vector[bucket] += (feature.value >> 63) == 0 ? weight : -weight
    }
}

/// FNV-1a over a feature's bytes, fed in pieces.
struct FeatureHash {
    private(set) var value: UInt64 = 0xcbf29ce484222325

    init(_ prefix: StaticString) {
        self = adding(UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount))
    }

    func adding<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> FeatureHash {
        var hash = self
        for byte in bytes { hash.value = (hash.value ^ UInt64(byte)) &* 0x100000001b3 }
        return hash
    }
}

/// Word weights, remembered for one batch: rarer words weigh more, as the log of the word's highest o200k
/// rank plus a little per extra token.
struct WordWeights {
    let tokenizer: any Tokenizer
    private var known: [[UInt8]: Float] = [:]

    init(tokenizer: any Tokenizer) { self.tokenizer = tokenizer }

    mutating func weight(of word: [UInt8]) -> Float {
        if let weight = known[word] { return weight }
        let tokens = tokenizer.encode(" " + String(decoding: word, as: UTF8.self)).tokens
        let rank = Float(tokens.max() ?? 0)
        let base = log(1 + rank / 400) + 0.5 * Float(max(0, tokens.count - 1))
        let weight = min(5, max(0.15, base))
        known[word] = weight
        return weight
    }
}
