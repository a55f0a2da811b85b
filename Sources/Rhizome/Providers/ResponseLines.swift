import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization

/// A response body read with a watchdog: a first piece later than the first-byte timeout, more silence
/// than the idle timeout between pieces, or a call longer than the total timeout, ends the read with a timeout error and cancels it (closing the connection) — a model
/// that stops talking can never hang a run.
enum ResponseLines {
    /// The body's pieces as they arrive.
    static func chunks(of body: HTTPClientResponse.Body, timeouts: HTTPTimeouts, provider: String)
        -> AsyncThrowingStream<[UInt8], any Error> {
        AsyncThrowingStream { continuation in
            let clock = ContinuousClock()
            let started = clock.now
            let lastActivity = LastActivity(clock.now)
            let reader = Task {
                do {
                    for try await buffer in body {
                        lastActivity.touch(clock.now)
                        continuation.yield(Array(buffer.readableBytesView))
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error is CancellationError ? TransportFailure.dropped("the read was cancelled") : error)
                }
            }
            let watchdog = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(min(500, Int(min(timeouts.idle, timeouts.firstByte) * 250) + 1)))
                    let now = clock.now
                    let (last, answering) = lastActivity.state
                    let limit = answering ? timeouts.idle : timeouts.firstByte
                    if now - last > .milliseconds(Int64(limit * 1000)) {
                        continuation.finish(throwing: TransportFailure.timedOut(
                            "\(provider) was silent for more than \(HTTPClient.seconds(limit))"
                                + (answering ? "" : " before its first token")))
                        reader.cancel()
                        return
                    }
                    if let total = timeouts.total, now - started > .milliseconds(Int64(total * 1000)) {
                        continuation.finish(throwing: TransportFailure.timedOut(
                            "\(provider) took more than \(HTTPClient.seconds(total)) in all"))
                        reader.cancel()
                        return
                    }
                }
            }
            continuation.onTermination = { _ in
                reader.cancel()
                watchdog.cancel()
            }
        }
    }

    /// The body's lines (SSE and NDJSON), a final unterminated line included; `\r\n` endings are trimmed.
    static func lines(of body: HTTPClientResponse.Body, timeouts: HTTPTimeouts, provider: String)
        -> AsyncThrowingStream<String, any Error> {
        .producing { yield in
            var buffer: [UInt8] = []
            for try await piece in chunks(of: body, timeouts: timeouts, provider: provider) {
                buffer.append(contentsOf: piece)
                var start = 0
                while let newline = buffer[start...].firstIndex(of: 0x0A) {
                    var end = newline
                    if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                    yield(String(decoding: buffer[start..<end], as: UTF8.self))
                    start = newline + 1
                }
                buffer.removeSubrange(0..<start)
            }
            if !buffer.isEmpty { yield(String(decoding: buffer, as: UTF8.self)) }
        }
    }
}

/// When a body last delivered bytes, and whether it has delivered any, shared by its reader and its watchdog.
private final class LastActivity: Sendable {
    private let value: Mutex<(instant: ContinuousClock.Instant, started: Bool)>

    init(_ instant: ContinuousClock.Instant) { value = Mutex((instant, false)) }

    var state: (instant: ContinuousClock.Instant, started: Bool) { value.withLock { $0 } }
    func touch(_ instant: ContinuousClock.Instant) { value.withLock { $0 = (instant, true) } }
}
