import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One streaming HTTP request whose body is delivered line by line as it arrives. FoundationNetworking has
/// no `bytes(for:)`, so a data delegate feeds an `AsyncThrowingStream`.
final class LineStream: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    struct Status: Sendable {
        let code: Int
        let retryAfter: Double?
    }

    let lines: AsyncThrowingStream<String, any Error>
    private let continuation: AsyncThrowingStream<String, any Error>.Continuation
    private let lock = NSLock()
    private var buffer = Data()
    private var statusWaiters: [CheckedContinuation<Status, any Error>] = []
    private var receivedStatus: Result<Status, any Error>?
    private var session: URLSession?

    init(request: URLRequest) {
        (lines, continuation) = AsyncThrowingStream.makeStream()
        super.init()
        let session = URLSession(configuration: .default, delegate: self, delegateQueue: nil)
        self.session = session
        continuation.onTermination = { [weak self] _ in self?.session?.invalidateAndCancel() }
        session.dataTask(with: request).resume()
    }

    /// The response status, once the headers have arrived.
    func status() async throws -> Status {
        try await withCheckedThrowingContinuation { waiter in
            lock.lock()
            if let receivedStatus {
                lock.unlock()
                waiter.resume(with: receivedStatus)
            } else {
                statusWaiters.append(waiter)
                lock.unlock()
            }
        }
    }

    /// The rest of the body as one piece (for error messages).
    func collect() async throws -> Data {
        var data = Data()
        for try await line in lines { data.append(contentsOf: Array((line + "\n").utf8)) }
        return data
    }

    private func resolveStatus(_ result: Result<Status, any Error>) {
        lock.lock()
        guard receivedStatus == nil else { lock.unlock(); return }
        receivedStatus = result
        let waiters = statusWaiters
        statusWaiters = []
        lock.unlock()
        for waiter in waiters { waiter.resume(with: result) }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let http = response as? HTTPURLResponse
        resolveStatus(.success(Status(code: http?.statusCode ?? 0,
                                      retryAfter: RetryPolicy.parseRetryAfter(http?.value(forHTTPHeaderField: "Retry-After")))))
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.lock()
        buffer.append(data)
        var complete: [String] = []
        while let newline = buffer.firstIndex(of: 0x0A) {
            var line = buffer[buffer.startIndex..<newline]
            if line.last == 0x0D { line = line.dropLast() }
            complete.append(String(decoding: line, as: UTF8.self))
            buffer.removeSubrange(buffer.startIndex...newline)
        }
        lock.unlock()
        for line in complete { continuation.yield(line) }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        lock.lock()
        let rest = buffer
        buffer = Data()
        lock.unlock()
        if let error {
            resolveStatus(.failure(error))
            continuation.finish(throwing: error)
        } else {
            resolveStatus(.success(Status(code: 0, retryAfter: nil)))
            if !rest.isEmpty { continuation.yield(String(decoding: rest, as: UTF8.self)) }
            continuation.finish()
        }
        session.finishTasksAndInvalidate()
    }
}
