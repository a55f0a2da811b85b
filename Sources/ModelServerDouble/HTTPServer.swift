import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A request as the server double received it.
public struct ReceivedRequest: Sendable {
    public let method: String
    public let path: String
    public let headers: [String: String]
    public let body: Data

    /// The body parsed as a JSON object, when it is one.
    public var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
}

/// What the server double answers: a status, headers and either a body or pieces streamed one by one.
public struct CannedResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data
    public var pieces: [Data]?
    /// Seconds to wait before answering (a slow model).
    public var delay: Double

    public init(status: Int = 200, headers: [String: String] = ["Content-Type": "application/json"], body: Data = Data(),
                pieces: [Data]? = nil, delay: Double = 0) {
        self.status = status
        self.headers = headers
        self.body = body
        self.pieces = pieces
        self.delay = delay
    }

    public static func json(_ object: Any, status: Int = 200, headers: [String: String] = [:]) -> CannedResponse {
        CannedResponse(status: status, headers: headers.merging(["Content-Type": "application/json"]) { a, _ in a },
                       body: (try? JSONSerialization.data(withJSONObject: object)) ?? Data())
    }
}

/// A minimal HTTP/1.1 server on 127.0.0.1 (a free port) for tests and the benchmark: one thread per
/// connection, `Connection: close`, chunked transfer for streamed answers.
public final class HTTPServer: @unchecked Sendable {
    public typealias Handler = @Sendable (ReceivedRequest) -> CannedResponse

    public let port: Int
    private let socketDescriptor: Int32
    private let handler: Handler
    /// The pause after each piece of a streamed answer, so a client sees them arrive apart (0: none).
    private let pieceInterval: TimeInterval
    private let lock = NSLock()
    private var requests: [ReceivedRequest] = []
    private var stopped = false

    public init(pieceInterval: TimeInterval = 0.005, handler: @escaping Handler) throws {
        self.handler = handler
        self.pieceInterval = pieceInterval
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var reuse: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 128) == 0 else { close(descriptor); throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        socketDescriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Every request received so far, in arrival order.
    public var received: [ReceivedRequest] { lock.withLock { requests } }

    public func stop() {
        let wasStopped = lock.withLock { () -> Bool in defer { stopped = true }; return stopped }
        guard !wasStopped else { return }
        // Wakes the accept loop, which closes the socket itself: closed here, its descriptor number could be
        // handed to the next test's server while this loop still accepts on it, serving that server's
        // requests with this server's handler.
        shutdown(socketDescriptor, Int32(SHUT_RDWR))
    }

    private func acceptLoop() {
        while true {
            let client = accept(socketDescriptor, nil, nil)
            if client < 0 {
                if lock.withLock({ stopped }) {
                    close(socketDescriptor)
                    return
                }
                continue
            }
            Thread { [self] in serve(client) }.start()
        }
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        guard let request = readRequest(client) else { return }
        lock.withLock { requests.append(request) }
        let response = handler(request)
        if response.delay > 0 { Thread.sleep(forTimeInterval: response.delay) }
        var head = "HTTP/1.1 \(response.status) \(response.status < 400 ? "OK" : "Error")\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        head += "Connection: close\r\n"
        if let pieces = response.pieces {
            head += "Transfer-Encoding: chunked\r\n\r\n"
            guard write(client, Data(head.utf8)) else { return }
            for piece in pieces where !piece.isEmpty {
                guard write(client, Data((String(piece.count, radix: 16) + "\r\n").utf8) + piece + Data("\r\n".utf8)) else { return }
                if pieceInterval > 0 { Thread.sleep(forTimeInterval: pieceInterval) }
            }
            _ = write(client, Data("0\r\n\r\n".utf8))
        } else {
            head += "Content-Length: \(response.body.count)\r\n\r\n"
            _ = write(client, Data(head.utf8) + response.body)
        }
    }

    private func readRequest(_ client: Int32) -> ReceivedRequest? {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        var headerEnd: Range<Data.Index>?
        while headerEnd == nil {
            let count = recv(client, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            data.append(contentsOf: buffer[0..<count])
            headerEnd = data.range(of: Data("\r\n\r\n".utf8))
        }
        let headText = String(decoding: data[..<headerEnd!.lowerBound], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        var body = Data(data[headerEnd!.upperBound...])
        while body.count < length {
            let count = recv(client, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            body.append(contentsOf: buffer[0..<count])
        }
        return ReceivedRequest(method: requestLine.first.map(String.init) ?? "", path: requestLine.count > 1 ? String(requestLine[1]) : "/",
                               headers: headers, body: body)
    }

    private func write(_ client: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = send(client, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if sent <= 0 { return false }
                offset += sent
            }
            return true
        }
    }
}
