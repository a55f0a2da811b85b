import Foundation

/// What a model server says about itself, asked once when a command starts: the models it serves, how many
/// requests it runs at once (llama.cpp's slots) and its context window. Every question is best-effort — a
/// server that does not answer one simply leaves it unknown.
public struct ServerFacts: Sendable, Equatable {
    public var models: [String] = []
    /// Requests the server works on at once (llama.cpp `/props` `total_slots`).
    public var slots: Int?
    /// Tokens of context per request (llama.cpp `n_ctx`, Ollama's `context_length`).
    public var contextTokens: Int?

    public init(models: [String] = [], slots: Int? = nil, contextTokens: Int? = nil) {
        self.models = models
        self.slots = slots
        self.contextTokens = contextTokens
    }
}

/// Asks OpenAI-compatible servers (`/v1/models`, llama.cpp's `/props`) and Ollama (`/api/tags`) what
/// they serve.
public enum ServerDiscovery {
    /// An OpenAI-compatible server at `baseURL` (with its `/v1`).
    public static func openAI(baseURL: URL, http: HTTPClient) async throws -> ServerFacts {
        var facts = ServerFacts()
        if let data = try await reachable(http, baseURL.appendingPathComponent("models")),
           let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
           let items = object["data"] as? [[String: Any]] {
            facts.models = items.compactMap { $0["id"] as? String }
        }
        // llama.cpp serves /props beside /v1.
        let root = baseURL.lastPathComponent == "v1" ? baseURL.deletingLastPathComponent() : baseURL
        if let data = try? await http.get(root.appendingPathComponent("props")),
           let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            facts.slots = object["total_slots"] as? Int
            let settings = object["default_generation_settings"] as? [String: Any]
            facts.contextTokens = (settings?["n_ctx"] as? Int) ?? (object["n_ctx"] as? Int)
        }
        return facts
    }

    /// An Ollama server at `baseURL`.
    public static func ollama(baseURL: URL, http: HTTPClient) async throws -> ServerFacts {
        var facts = ServerFacts()
        if let data = try await reachable(http, baseURL.appendingPathComponent("api/tags")),
           let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
           let items = object["models"] as? [[String: Any]] {
            facts.models = items.compactMap { ($0["name"] as? String) ?? ($0["model"] as? String) }
        }
        return facts
    }

    /// The body at `url`; nil when the server answered but not with it; throws when it cannot be reached.
    private static func reachable(_ http: HTTPClient, _ url: URL) async throws -> Data? {
        do {
            return try await http.get(url)
        } catch let error as ProviderError {
            if case .unreachable = error { throw error }
            return nil
        } catch {
            return nil
        }
    }
}
