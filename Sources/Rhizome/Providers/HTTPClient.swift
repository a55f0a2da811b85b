import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Posts JSON to model servers with a timeout, bounded concurrency and retries: 429, 5xx and connection
/// errors are retried with backoff (honouring `Retry-After`); other 4xx end at once with the server's words.
public struct HTTPClient: Sendable {
    public let provider: String
    public let timeout: Double
    public let retry: RetryPolicy
    public let limiter: ConcurrencyLimiter
    let headers: [String: String]

    public init(provider: String, headers: [String: String] = [:], timeout: Double = 120,
                retry: RetryPolicy = RetryPolicy(), limiter: ConcurrencyLimiter = ConcurrencyLimiter(limit: 8)) {
        self.provider = provider
        self.headers = headers
        self.timeout = timeout
        self.retry = retry
        self.limiter = limiter
    }

    /// Posts `body` and returns the response body of the first successful (2xx) attempt.
    public func post(_ url: URL, json body: Data) async throws -> Data {
        try await withRetries { try await attempt(url, body: body) }
    }

    /// Posts `body` and yields the response body line by line as it arrives (SSE and NDJSON).
    /// Retries happen only before the first line has been delivered.
    public func postStreamingLines(_ url: URL, json body: Data) async throws -> AsyncThrowingStream<String, any Error> {
        try await withRetries {
            let stream = LineStream(request: request(url, body: body))
            let status = try await stream.status()
            guard (200..<300).contains(status.code) else {
                throw HTTPFailure(status: status.code, body: try await stream.collect(), retryAfter: status.retryAfter)
            }
            return stream.lines
        }
    }

    func request(_ url: URL, body: Data) -> URLRequest {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        return request
    }

    private func attempt(_ url: URL, body: Data) async throws -> Data {
        let (data, response) = try await URLSession.shared.data(for: request(url, body: body))
        guard let http = response as? HTTPURLResponse else {
            throw ProviderError.malformedResponse(provider: provider, detail: "not an HTTP response")
        }
        guard (200..<300).contains(http.statusCode) else {
            throw HTTPFailure(status: http.statusCode, body: data,
                              retryAfter: RetryPolicy.parseRetryAfter(http.value(forHTTPHeaderField: "Retry-After")))
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
                    throw ProviderError.rejected(provider: provider, status: failure.status, message: failure.message)
                }
                retryAfter = failure.retryAfter
                lastError = "HTTP \(failure.status): \(failure.message)"
            } catch let error as URLError where error.code != .cancelled {
                retryAfter = nil
                lastError = error.localizedDescription
            }
            guard attempt < retry.maxAttempts else {
                throw ProviderError.unavailable(provider: provider, attempts: attempt, lastError: lastError)
            }
            try await Task.sleep(for: .seconds(retry.delay(afterAttempt: attempt, retryAfter: retryAfter)))
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
        return text.isEmpty ? HTTPURLResponse.localizedString(forStatusCode: status) : text
    }
}
