import Foundation

/// Extraction by a language model: the extraction prompt, then `gleaning` follow-up passes asking for what
/// was missed, each answer parsed tolerantly. Every call goes through the cache.
public struct ModelExtractor: Extractor {
    public static let defaultEntityTypes = ["person", "organization", "location", "event", "concept", "method",
                                            "technology", "product", "artifact", "work", "data"]

    public let model: CachedLanguageModel
    public let entityTypes: [String]
    public let language: String
    public let gleaning: Int
    public let maxAnswerTokens: Int
    /// Whether the server constrains answers to the extraction JSON Schema (then the JSON prompt is used
    /// and there is no gleaning: a constrained small model mostly repeats itself when asked again).
    public let structured: Bool

    public init(model: CachedLanguageModel, entityTypes: [String] = Self.defaultEntityTypes, language: String = LanguageGuess.automatic,
                gleaning: Int = 1, maxAnswerTokens: Int = 4000, structured: Bool = false) {
        self.model = model
        self.entityTypes = entityTypes
        self.language = language
        self.gleaning = max(0, gleaning)
        self.maxAnswerTokens = maxAnswerTokens
        self.structured = structured
    }

    public var fingerprint: String {
        "model:\(model.descriptor.label);types:\(entityTypes.joined(separator: ","));lang:\(language);gleaning:\(gleaning)"
            + (structured ? ";structured-v2" : "")
    }

    public func extract(_ chunk: ExtractionInput) async throws -> ChunkExtraction {
        let slots = ["entity_types": entityTypes.joined(separator: ", "), "language": LanguageGuess.resolve(language, for: chunk.text),
                     "delimiter": ExtractionParser.delimiter, "completion": ExtractionParser.completionMarker,
                     "title": chunk.documentTitle.isEmpty ? "(untitled)" : chunk.documentTitle,
                     "heading_path": chunk.headingPath.isEmpty ? "(top)" : chunk.headingPath.joined(separator: " › "),
                     "text": chunk.text]
        let size = chunk.text.count
        if structured { return try await extractStructured(slots, chunkCharacters: size) }
        var messages = [ChatMessage(.system, fillTemplate(ExtractionPrompt.system, slots)),
                        ChatMessage(.user, fillTemplate(ExtractionPrompt.user, slots))]
        var (answer, cut) = try await ask(messages, kind: "extraction", chunkCharacters: size)
        var extraction = ExtractionParser.parse(answer)
        if cut { extraction.truncated = true }
        // Gleaning an answer that was empty or cut short would only pay for more of the same.
        let worthGleaning = !cut && !(extraction.entities.isEmpty && extraction.relations.isEmpty)
        for _ in 0..<(worthGleaning ? gleaning : 0) {
            messages += [ChatMessage(.assistant, answer), ChatMessage(.user, fillTemplate(ExtractionPrompt.gleaning, slots))]
            (answer, cut) = try await ask(messages, kind: "gleaning", chunkCharacters: size)
            var more = ExtractionParser.parse(answer)
            more.truncated = false   // "nothing missing" answers are often bare; only the first pass can truncate
            extraction.absorb(more)
            if cut { break }
        }
        return extraction
    }

    /// One schema-constrained call; an answer that is no JSON after all is read as rows.
    private func extractStructured(_ slots: [String: String], chunkCharacters: Int) async throws -> ChunkExtraction {
        var request = request([ChatMessage(.system, fillTemplate(StructuredExtractionPrompt.system, slots)),
                               ChatMessage(.user, fillTemplate(StructuredExtractionPrompt.user, slots))],
                              chunkCharacters: chunkCharacters)
        request.jsonSchema = StructuredExtractionPrompt.schema(entityTypes: entityTypes)
        let answer: String
        var cut = false
        do {
            answer = try await model.complete(request, kind: "extraction")
        } catch ProviderError.incomplete(_, _, let partial) {
            (answer, cut) = (partial, true)
        }
        var extraction = StructuredExtractionParser.parse(answer) ?? ExtractionParser.parse(answer)
        if cut { extraction.truncated = true }
        return extraction
    }

    /// The model's answer, and whether it stopped short (what arrived is kept: records that parse count).
    private func ask(_ messages: [ChatMessage], kind: String, chunkCharacters: Int) async throws -> (String, Bool) {
        do {
            return (try await model.complete(request(messages, chunkCharacters: chunkCharacters), kind: kind), false)
        } catch ProviderError.incomplete(_, _, let partial) {
            return (partial, true)
        }
    }

    /// Every call is bounded: the answer may be at most about twice the chunk (records restate it
    /// briefly), at least 512 tokens and at most `maxAnswerTokens`; repetition is discouraged.
    private func request(_ messages: [ChatMessage], chunkCharacters: Int) -> ChatRequest {
        ChatRequest(messages: messages, temperature: 0, maxTokens: Self.answerBudget(chunkCharacters: chunkCharacters,
                                                                                    ceiling: maxAnswerTokens),
                    repetitionPenalty: Self.repetitionPenalty)
    }

    static let repetitionPenalty = 0.3

    static func answerBudget(chunkCharacters: Int, ceiling: Int) -> Int {
        min(ceiling, max(512, chunkCharacters / 2))
    }
}
