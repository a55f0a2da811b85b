import Foundation

/// Why a model call failed, worded for the person running the command.
public enum ProviderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server refused the request and retrying will not help (400, 401, 403, 404, …).
    case rejected(provider: String, status: Int, message: String)
    /// Still failing (429, 5xx, connection errors) after every retry.
    case unavailable(provider: String, attempts: Int, lastError: String)
    /// The server answered with something that is not the protocol's shape.
    case malformedResponse(provider: String, detail: String)
    /// A setting is missing or wrong (no API key, bad URL, unknown provider name).
    case configuration(String)

    public var description: String {
        switch self {
        case .rejected(let provider, let status, let message):
            let hint = switch status {
            case 401, 403: " (check the API key: RHIZOME_LLM_API_KEY / RHIZOME_EMBEDDING_API_KEY / OPENAI_API_KEY)"
            case 404: " (unknown model or wrong base URL: check --model / --llm-base-url)"
            default: ""
            }
            return "\(provider) refused the request with HTTP \(status): \(message)\(hint)"
        case .unavailable(let provider, let attempts, let lastError):
            return "\(provider) unavailable after \(attempts) attempts: \(lastError)"
        case .malformedResponse(let provider, let detail):
            return "\(provider) sent an unexpected response: \(detail)"
        case .configuration(let message):
            return message
        }
    }
}
