import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// How long a model call may take. Local models think before they answer, so the first byte and the
/// silences between pieces are limited apart; `total` (when set) bounds the whole call.
public struct HTTPTimeouts: Sendable, Equatable {
    public var connect: Double
    /// Seconds until the response head arrives.
    public var firstByte: Double
    /// Longest silence between two pieces of the body.
    public var idle: Double
    /// The whole call, body included; nil for no limit.
    public var total: Double?

    public init(connect: Double = 10, firstByte: Double = 120, idle: Double = 120, total: Double? = nil) {
        self.connect = connect
        self.firstByte = firstByte
        self.idle = idle
        self.total = total
    }

    /// One limit for every silence (the first byte and between pieces), as `--timeout` sets it.
    public static func silence(_ seconds: Double) -> HTTPTimeouts {
        HTTPTimeouts(connect: min(10, seconds), firstByte: seconds, idle: seconds)
    }
}

/// Posts JSON to model servers on SwiftNIO's HTTP client (no swift-corelibs `URLSession`: its cancellation
/// can deadlock or crash, and it drops a silent call after 60 s whatever the timeout says). Timeouts are
/// real, cancellation is always safe, 429, 5xx, timeouts and dropped connections are retried with backoff
/// (honouring `Retry-After`), a refused connection or a 400/401/403/404 ends at once with one clear error,
/// and an answer that cannot be read is asked again a bounded number of times.
public struct HTTPClient: Sendable {
    public let provider: String
    public let timeouts: HTTPTimeouts
    public let retry: RetryPolicy
    public let limiter: ConcurrencyLimiter
    let headers: [String: String]
    private let client: AsyncHTTPClient.HTTPClient

    public init(provider: String, headers: [String: String] = [:], timeout: Double = 120,
                retry: RetryPolicy = RetryPolicy(), limiter: ConcurrencyLimiter = ConcurrencyLimiter(limit: 8)) {
        self.init(provider: provider, headers: headers, timeouts: .silence(timeout), retry: retry, limiter: limiter)
    }

    public init(provider: String, headers: [String: String] = [:], timeouts: HTTPTimeouts, retry: RetryPolicy = RetryPolicy(),
                limiter: ConcurrencyLimiter = ConcurrencyLimiter(limit: 8)) {
        self.provider = provider
        self.headers = headers
        self.timeouts = timeouts
        self.retry = retry
        self.limiter = limiter
        client = ModelTransport.client
    }

    /// The seconds `--timeout` set.
    public var timeout: Double { timeouts.idle }

    /// Posts `body` and returns the response body of the first successful (2xx) attempt.
    public func post(_ url: URL, json body: Data) async throws -> Data {
        try await post(url, json: body) { $0 }
    }

    /// Posts `body` and decodes the answer with `decode`; an answer it cannot read (it throws
    /// `ProviderError.malformedResponse`) is asked again, at most `retry.maxMalformed` times more.
    public func post<T: Sendable>(_ url: URL, json body: Data, decode: @escaping @Sendable (Data) throws -> T) async throws -> T {
        var malformed = 0
        while true {
            let data = try await withRetries { try await collect(try await send(url, body: body)) }
            do {
                return try decode(data)
            } catch let error as ProviderError {
                guard case .malformedResponse = error, malformed < retry.maxMalformed else { throw error }
                malformed += 1
            }
        }
    }

    /// GETs `url` once (no retries: discovery that fails is simply skipped) and returns a 2xx body.
    public func get(_ url: URL) async throws -> Data {
        var request = HTTPClientRequest(url: url.absoluteString)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, deadline: .now() + .milliseconds(Int64(min(timeouts.firstByte, 10) * 1000)))
        } catch {
            let text = String(describing: error)
            if text.localizedCaseInsensitiveContains("refused") {
                throw ProviderError.unreachable(provider: provider,
                                                reason: "connection refused (\(url.host ?? "")\(url.port.map { ":\($0)" } ?? ""))")
            }
            throw TransportFailure.dropped(text)
        }
        return try await collect(response)
    }

    /// Posts `body` and yields the response body line by line as it arrives (SSE and NDJSON). Retries
    /// happen only before the first line has been delivered; silence longer than the idle timeout fails.
    public func postStreamingLines(_ url: URL, json body: Data) async throws -> AsyncThrowingStream<String, any Error> {
        try await withRetries {
            let response = try await send(url, body: body)
            guard (200..<300).contains(Int(response.status.code)) else {
                throw HTTPFailure(status: Int(response.status.code), body: try await collect(response, success: false),
                                  retryAfter: RetryPolicy.parseRetryAfter(response.headers.first(name: "Retry-After")))
            }
            return ResponseLines.lines(of: response.body, timeouts: timeouts, provider: provider)
        }
    }

    /// One attempt: the response once its head arrived within the first-byte timeout.
    private func send(_ url: URL, body: Data) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            return try await client.execute(request, deadline: .now() + .milliseconds(Int64(timeouts.firstByte * 1000)))
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw TransportFailure.timedOut("no answer within \(Self.seconds(timeouts.firstByte))")
        } catch let error as HTTPClientError where error == .connectTimeout {
            throw TransportFailure.unreachable("could not connect within \(Self.seconds(timeouts.connect))")
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as HTTPClientError where error == .cancelled {
            throw CancellationError()
        } catch {
            let text = String(describing: error)
            if text.localizedCaseInsensitiveContains("refused") {
                throw TransportFailure.unreachable("connection refused (\(url.host ?? "")\(url.port.map { ":\($0)" } ?? ""))")
            }
            throw TransportFailure.dropped(text)
        }
    }

    /// The whole body of a response, failing on a non-2xx status (when `success` is asked for).
    private func collect(_ response: HTTPClientResponse, success: Bool = true) async throws -> Data {
        var data = Data()
        for try await piece in ResponseLines.chunks(of: response.body, timeouts: timeouts, provider: provider) {
            data.append(contentsOf: piece)
        }
        let status = Int(response.status.code)
        if success, !(200..<300).contains(status) {
            throw HTTPFailure(status: status, body: data, retryAfter: RetryPolicy.parseRetryAfter(response.headers.first(name: "Retry-After")))
        }
        return data
    }

    private func withRetries<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            let retryAfter: Double?
            let lastError: String
            do {
                return try await limiter.run(body)
            } catch let failure as HTTPFailure {
                guard RetryPolicy.isRetryable(status: failure.status) else {
                    if failure.status == 400, Self.isContextOverflow(failure.message) {
                        throw ProviderError.contextOverflow(provider: provider, message: failure.message)
                    }
                    throw ProviderError.rejected(provider: provider, status: failure.status, message: failure.message)
                }
                retryAfter = failure.retryAfter
                lastError = "HTTP \(failure.status): \(failure.message)"
            } catch let failure as TransportFailure {
                if case .unreachable(let why) = failure { throw ProviderError.unreachable(provider: provider, reason: why) }
                retryAfter = nil
                lastError = failure.description
            }
            try Task.checkCancellation()
            guard attempt < retry.maxAttempts else {
                throw ProviderError.unavailable(provider: provider, attempts: attempt, lastError: lastError)
            }
            try await Task.sleep(for: .seconds(retry.delay(afterAttempt: attempt, retryAfter: retryAfter)))
        }
    }

    /// Whether a 400's message says the request does not fit the model's context (llama.cpp, vLLM, OpenAI).
    static func isContextOverflow(_ message: String) -> Bool {
        let lower = message.lowercased()
        return ["context size", "context length", "context window", "maximum context", "n_ctx", "too many tokens",
                "exceeds the available context", "exceed_context_size"].contains { lower.contains($0) }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}

/// A failure below HTTP: no connection, a timeout, or a connection that dropped.
enum TransportFailure: Error, CustomStringConvertible {
    case unreachable(String)
    case timedOut(String)
    case dropped(String)

    var description: String {
        switch self {
        case .unreachable(let why), .timedOut(let why), .dropped(let why): why
        }
    }
}

/// A non-2xx answer, with the server's message pulled out of the usual JSON error shapes.
struct HTTPFailure: Error {
    let status: Int
    let body: Data
    let retryAfter: Double?

    var message: String {
        let object = try? JSONSerialization.jsonObject(with: body)
        if let dictionary = object as? [String: Any] {
            if let error = dictionary["error"] as? [String: Any], let message = error["message"] as? String { return message }
            if let error = dictionary["error"] as? String { return error }
            if let message = dictionary["message"] as? String { return message }
        }
        let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? HTTPResponseStatus(statusCode: status).reasonPhrase : text
    }
}

/// The connection pool every model call shares for the life of the process (like AsyncHTTPClient's own
/// `shared` client, never shut down), configured for model servers: a refused connection fails at once
/// instead of being retried until the request's deadline, and connecting may take at most ten seconds.
enum ModelTransport {
    static let client: AsyncHTTPClient.HTTPClient = {
        var configuration = AsyncHTTPClient.HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(10))
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.decompression = .enabled(limit: .none)
        return AsyncHTTPClient.HTTPClient(eventLoopGroup: AsyncHTTPClient.HTTPClient.defaultEventLoopGroup,
                                          configuration: configuration)
    }()
}
