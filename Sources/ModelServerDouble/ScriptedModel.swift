import Foundation

/// A stand-in language and embedding model that answers deterministically from the prompt, so tests and
/// the benchmark can run the real HTTP path without a real model: extraction prompts get one entity row
/// per distinct capitalised word of the input text (up to `maxEntities`) and a relation between
/// neighbours; gleaning prompts get just the completion marker; keyword prompts get the capitalised words
/// of the question and of the conversation as low-level keywords (in a fenced, slightly malformed JSON
/// object, as real models write it); answer prompts get a fixed answer citing [1]; anything else gets a
/// short fixed summary.
public struct ScriptedModel: Sendable {
    public var maxEntities: Int
    public var embeddingDimension: Int
    /// What `/v1/models`, `/api/tags` and llama.cpp's `/props` report.
    public var servedModels: [String]
    public var slots: Int
    public var contextTokens: Int

    public init(maxEntities: Int = 8, embeddingDimension: Int = 32, servedModels: [String] = ["scripted"], slots: Int = 4,
                contextTokens: Int = 4096) {
        self.maxEntities = maxEntities
        self.embeddingDimension = embeddingDimension
        self.servedModels = servedModels
        self.slots = slots
        self.contextTokens = contextTokens
    }

    public enum PromptKind: Sendable { case extraction, gleaning, keywords, answer, other }

    public static let answerText = "The scripted model answers from the context [1]."

    /// What kind of prompt the messages are (by the last user message).
    public static func kind(of messages: [[String: Any]]) -> PromptKind {
        let last = messages.last { ($0["role"] as? String) == "user" }?["content"] as? String ?? ""
        if last.contains("---Input Text---") { return .extraction }
        if last.contains("may still be missing") { return .gleaning }
        let system = messages.first { ($0["role"] as? String) == "system" }?["content"] as? String ?? ""
        if system.contains("high_level_keywords") { return .keywords }
        if system.contains("numbered source passages") { return .answer }
        return .other
    }

    /// The chunk text inside the fenced block after `---Input Text---` (or after `Text:` in the JSON prompt).
    public static func inputText(of messages: [[String: Any]]) -> String {
        let last = messages.last { ($0["role"] as? String) == "user" }?["content"] as? String ?? ""
        if let marker = last.range(of: "\nText:\n"), !last.contains("---Input Text---") { return String(last[marker.upperBound...]) }
        guard let marker = last.range(of: "---Input Text---\n```\n") else { return last }
        let rest = last[marker.upperBound...]
        return String(rest[..<(rest.range(of: "\n```")?.lowerBound ?? rest.endIndex)])
    }

    /// The answer to a request that carries a JSON Schema (`response_format` or Ollama `format`), as a server
    /// that enforces schemas writes it: the probe gets `{"ok": true}`, extraction the JSON records.
    public func schemaAnswer(_ messages: [[String: Any]]) -> String {
        let last = messages.last { ($0["role"] as? String) == "user" }?["content"] as? String ?? ""
        if last.contains(#"{"ok": true}"#) { return #"{"ok": true}"# }
        var names: [String] = []
        for word in Self.inputText(of: messages).split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        where word.first?.isUppercase == true && word.count > 2 && !names.contains(String(word)) {
            names.append(String(word))
            if names.count == maxEntities { break }
        }
        let entities = names.map { ["name": $0, "type": "concept", "description": "\($0) is named in the text."] }
        let relations = zip(names, names.dropFirst()).map {
            ["source": $0, "target": $1, "keywords": "appears near", "description": "\($0) appears near \($1)."]
        }
        let object: [String: Any] = ["entities": entities, "relations": relations]
        return String(decoding: (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
    }

    /// The answer text for a chat request's messages.
    public func answer(_ messages: [[String: Any]]) -> String {
        switch Self.kind(of: messages) {
        case .gleaning:
            return "<|COMPLETE|>"
        case .other:
            return "A summary written by the scripted model."
        case .answer:
            return Self.answerText
        case .keywords:
            let last = messages.last { ($0["role"] as? String) == "user" }?["content"] as? String ?? ""
            let names = last.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
                .filter { $0.first?.isUppercase == true && $0.count > 2 && !["Question", "Conversation", "User", "Assistant", "Who", "What", "Which", "When", "Where", "Why", "How", "Tell"].contains(String($0)) }
                .map { "\"\($0)\"" }
            return "Here are the keywords:\n```json\n{\"high_level_keywords\": [\"scripted theme\",], \"low_level_keywords\": [\(names.joined(separator: ", "))]}\n```"
        case .extraction:
            var names: [String] = []
            for word in Self.inputText(of: messages).split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            where word.first?.isUppercase == true && word.count > 2 && !names.contains(String(word)) {
                names.append(String(word))
                if names.count == maxEntities { break }
            }
            var rows = names.map { "entity<|#|>\($0)<|#|>concept<|#|>\($0) is named in the text." }
            for (a, b) in zip(names, names.dropFirst()) {
                rows.append("relation<|#|>\(a)<|#|>\(b)<|#|>appears near<|#|>\(a) appears near \(b).")
            }
            return (rows + ["<|COMPLETE|>"]).joined(separator: "\n")
        }
    }

    /// A deterministic unit vector for `text`.
    public func vector(_ text: String) -> [Double] {
        var values = [Double](repeating: 0, count: embeddingDimension)
        for (index, byte) in text.utf8.enumerated() { values[(index &* 31 &+ Int(byte)) % embeddingDimension] += Double(byte % 7) + 1 }
        let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? values.map { $0 / norm } : values
    }

    /// Answers the OpenAI protocol (`/v1/chat/completions`, `/v1/embeddings`) and Ollama's (`/api/chat`,
    /// `/api/embed`), streaming when asked.
    public func respond(to request: ReceivedRequest) -> CannedResponse {
        let json = request.json ?? [:]
        let messages = json["messages"] as? [[String: Any]] ?? []
        let stream = json["stream"] as? Bool ?? false
        switch request.path {
        case let path where path.hasSuffix("/chat/completions"):
            let constrained = (json["response_format"] as? [String: Any])?["type"] as? String == "json_schema"
            return Self.openAIAnswer(constrained ? schemaAnswer(messages) : answer(messages), stream: stream)
        case let path where path.hasSuffix("/embeddings"):
            let inputs = json["input"] as? [String] ?? []
            return .json(["data": inputs.enumerated().map { ["index": $0.offset, "embedding": vector($0.element)] }])
        case "/api/chat":
            let text = json["format"] is [String: Any] ? schemaAnswer(messages) : answer(messages)
            if stream {
                let pieces = Self.split(text).map { piece -> Data in
                    Data((String(decoding: try! JSONSerialization.data(withJSONObject: ["message": ["role": "assistant", "content": piece],
                                                                                         "done": false]), as: UTF8.self) + "\n").utf8)
                } + [Data((#"{"message":{"role":"assistant","content":""},"done":true}"# + "\n").utf8)]
                return CannedResponse(headers: ["Content-Type": "application/x-ndjson"], pieces: pieces)
            }
            return .json(["message": ["role": "assistant", "content": text], "done": true])
        case let path where path.hasSuffix("/models"):
            return .json(["object": "list", "data": servedModels.map { ["id": $0, "object": "model"] }])
        case "/props":
            return .json(["total_slots": slots, "default_generation_settings": ["n_ctx": contextTokens]])
        case "/api/tags":
            return .json(["models": servedModels.map { ["name": $0, "model": $0] }])
        case "/api/embed":
            let inputs = json["input"] as? [String] ?? []
            return .json(["embeddings": inputs.map(vector)])
        default:
            return .json(["error": ["message": "no route \(request.path)"]], status: 404)
        }
    }

    /// `text` as an OpenAI-protocol chat answer: server-sent events ending with `[DONE]` when `stream`, else
    /// one JSON body.
    public static func openAIAnswer(_ text: String, stream: Bool) -> CannedResponse {
        guard stream else { return .json(["choices": [["message": ["role": "assistant", "content": text], "finish_reason": "stop"]]]) }
        let parts = split(text)
        // The last event counts tokens (words here), as servers do when asked for `include_usage`.
        let usage = ["choices": [] as [Any], "usage": ["prompt_tokens": 100, "completion_tokens": max(1, text.split(separator: " ").count)]] as [String: Any]
        let pieces = (parts.map { ["choices": [["delta": ["content": $0]]]] as [String: Any] } + [usage]).map { event -> Data in
            Data(("data: " + String(decoding: try! JSONSerialization.data(withJSONObject: event), as: UTF8.self) + "\n\n").utf8)
        } + [Data("data: [DONE]\n\n".utf8)]
        return CannedResponse(headers: ["Content-Type": "text/event-stream"], pieces: pieces)
    }

    /// The chat answer `text` in the shape `request` asked for (streamed or not).
    public static func openAIAnswer(_ text: String, to request: ReceivedRequest) -> CannedResponse {
        openAIAnswer(text, stream: request.json?["stream"] as? Bool ?? false)
    }

    /// Text cut into a few pieces, as a streaming server would send it.
    static func split(_ text: String) -> [String] {
        let characters = Array(text)
        let size = max(1, characters.count / 4)
        return stride(from: 0, to: characters.count, by: size).map { String(characters[$0..<min($0 + size, characters.count)]) }
    }
}
