import Foundation

/// Why a model call failed, worded for the person running the command.
public enum ProviderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server refused the request and retrying will not help (400, 401, 403, 404, …).
    case rejected(provider: String, status: Int, message: String)
    /// Still failing (429, 5xx, connection errors) after every retry.
    case unavailable(provider: String, attempts: Int, lastError: String)
    /// The server answered with something that is not the protocol's shape.
    case malformedResponse(provider: String, detail: String)
    /// No connection could be made (nothing listens there, or it refused): retrying every call would only
    /// make the run slow to say so.
    case unreachable(provider: String, reason: String)
    /// The request did not fit the model's context window (HTTP 400 saying so): every chunk would fail alike.
    case contextOverflow(provider: String, message: String)
    /// The answer stopped short of its end (the token limit, or a stream without its terminator); what
    /// arrived is in `partial`, and it is never cached as a complete answer.
    case incomplete(provider: String, reason: String, partial: String)
    /// A setting is missing or wrong (no API key, bad URL, unknown provider name).
    case configuration(String)

    public var description: String {
        switch self {
        case .rejected(let provider, let status, let message):
            let hint = switch status {
            case 401, 403: " (the server refused the API key: check RHIZOME_LLM_API_KEY / RHIZOME_EMBEDDING_API_KEY / OPENAI_API_KEY)"
            case 404: " (unknown model or wrong base URL: check --model / --llm-base-url)"
            default: ""
            }
            return "\(provider) refused the request with HTTP \(status): \(message)\(hint)"
        case .unavailable(let provider, let attempts, let lastError):
            return "\(provider) unavailable after \(attempts) attempts: \(lastError)"
        case .malformedResponse(let provider, let detail):
            return "\(provider) sent an unexpected response: \(detail)"
        case .unreachable(let provider, let reason):
            return "\(provider) cannot be reached: \(reason)"
        case .contextOverflow(let provider, let message):
            return "\(provider) says the request does not fit the model's context window (\(message)); "
                + "use smaller chunks (--chunk-tokens, fixed per store) or a larger context on the server"
        case .incomplete(let provider, let reason, _):
            return "\(provider) stopped before the end of its answer: \(reason)"
        case .configuration(let message):
            return message
        }
    }
}

extension ProviderError {
    /// Whether the error will be the same for every later call: nothing listens at the address, or the
    /// server refused the key (401/403) or the model (404) — a batch stops at the first one.
    public var stopsTheRun: Bool {
        switch self {
        case .unreachable, .contextOverflow: true
        case .rejected(_, let status, _): [401, 403, 404].contains(status)
        case .configuration: true
        default: false
        }
    }
}
