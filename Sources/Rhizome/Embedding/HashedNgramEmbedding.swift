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
        texts.map(vector)
    }

    public func vector(_ text: String) -> [Float] {
        var vector = [Float](repeating: 0, count: dimension)
        let words = Self.words(text)
        let weights = words.map(weight)
        for (index, word) in words.enumerated() {
            add("w:" + word, weights[index], to: &vector)
            let padded = Array("#" + word + "#")
            if padded.count > 3 {
                let share = weights[index] * 0.5 / Float(padded.count - 2).squareRoot()
                for start in 0...(padded.count - 3) { add("c:" + String(padded[start..<start + 3]), share, to: &vector) }
            }
            if index + 1 < words.count {
                add("b:" + word + " " + words[index + 1], 0.7 * min(weights[index], weights[index + 1]), to: &vector)
            }
        }
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? vector.map { $0 / norm } : vector
    }

    static func words(_ text: String) -> [String] {
        text.precomposedStringWithCompatibilityMapping.lowercased()
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    /// Rarer words weigh more: log of the word's highest o200k rank, plus a little per extra token.
    private func weight(_ word: String) -> Float {
        let tokens = tokenizer.encode(" " + word).tokens
        let rank = Float(tokens.max() ?? 0)
        let base = log(1 + rank / 400) + 0.5 * Float(max(0, tokens.count - 1))
        return min(5, max(0.15, base))
    }

    private func add(_ feature: String, _ weight: Float, to vector: inout [Float]) {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in feature.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        let bucket = Int(hash % UInt64(dimension))
        vector[bucket] += (hash >> 63) == 0 ? weight : -weight
    }
}
