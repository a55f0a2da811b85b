import Foundation

/// Whether extraction asks the server for schema-constrained answers.
public enum StructuredOutputMode: String, Sendable, CaseIterable {
    /// Asked of the server once (the probe's answer is cached in the store like every call).
    case auto
    case on
    case off
}

/// Asks a model server once whether it follows a JSON Schema (`response_format: json_schema`, Ollama
/// `format`): a tiny call whose answer must be `{"ok": true}`. A server that refuses the field (HTTP 400),
/// or answers anything else, does not.
public enum StructuredOutputProbe {
    static let schema = #"{"type":"object","properties":{"ok":{"type":"boolean"}},"required":["ok"]}"#

    public static func supports(_ model: CachedLanguageModel) async -> Bool {
        var request = ChatRequest(messages: [ChatMessage(.user, #"Answer with the JSON object {"ok": true} and nothing else."#)],
                                  temperature: 0, maxTokens: 16)
        request.jsonSchema = schema
        guard let answer = try? await model.complete(request, kind: "probe"),
              let start = answer.firstIndex(of: "{"), let end = answer.lastIndex(of: "}"),
              let object = try? JSONSerialization.jsonObject(with: Data(answer[start...end].utf8)) as? [String: Any] else {
            return false
        }
        return object["ok"] as? Bool == true
    }

    /// Whether `mode` means structured answers for `model` (probing it for `auto`).
    public static func resolve(_ mode: StructuredOutputMode, model: CachedLanguageModel) async -> Bool {
        switch mode {
        case .on: true
        case .off: false
        case .auto: await supports(model)
        }
    }
}
