import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A `rhizome serve` process on a free loopback port, stopped when the value is released.
final class RunningServer: @unchecked Sendable {
    let process = Process()
    let base: URL
    private let errors = Pipe()

    /// Starts `rhizome serve ARGUMENTS --port 0` and waits for the line naming the bound port.
    init(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws {
        process.executableURL = rhizomeBinary
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = directory
        process.environment = childEnvironment(environment)
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var seen = ""
        let handle = errors.fileHandleForReading
        while !seen.contains("Ctrl-C stops") {
            let data = handle.availableData
            if data.isEmpty { throw ServerStartFailure(output: seen) }
            seen += String(decoding: data, as: UTF8.self)
        }
        guard let range = seen.range(of: #"http://[0-9.]+:[0-9]+"#, options: .regularExpression) else { throw ServerStartFailure(output: seen) }
        var host = String(seen[range])
        host = host.replacingOccurrences(of: "0.0.0.0", with: "127.0.0.1")
        base = URL(string: host)!
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }

    struct ServerStartFailure: Error { var output: String }
}

/// What an HTTP call returned.
struct HTTPResult {
    var status: Int
    var body: Data
    var headers: [String: String]
    var text: String { String(decoding: body, as: UTF8.self) }
    func json() throws -> Any { try JSONSerialization.jsonObject(with: body) }
    func object() throws -> [String: Any] { try json() as? [String: Any] ?? [:] }
}

/// One request through URLSession, whatever its status.
func http(_ method: String, _ url: URL, json: Any? = nil, body: Data? = nil, headers: [String: String] = [:]) async throws -> HTTPResult {
    var request = URLRequest(url: url, timeoutInterval: 120)
    request.httpMethod = method
    if let json {
        request.httpBody = try JSONSerialization.data(withJSONObject: json)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    }
    if let body { request.httpBody = body }
    for (field, value) in headers { request.setValue(value, forHTTPHeaderField: field) }
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = response as! HTTPURLResponse
    var fields: [String: String] = [:]
    for (key, value) in http.allHeaderFields { fields[String(describing: key).lowercased()] = String(describing: value) }
    return HTTPResult(status: http.statusCode, body: data, headers: fields)
}

/// A multipart/form-data body with one `file` part per (name, bytes).
func multipartBody(_ files: [(name: String, bytes: Data)], boundary: String = "rhizome-test-boundary") -> (body: Data, contentType: String) {
    var body = Data()
    for file in files {
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
        body.append(file.bytes)
        body.append(Data("\r\n".utf8))
    }
    body.append(Data("--\(boundary)--\r\n".utf8))
    return (body, "multipart/form-data; boundary=\(boundary)")
}

/// Polls `GET /jobs/ID` until the job has finished (or a minute has passed).
func finishedJob(_ id: String, on server: RunningServer) async throws -> [String: Any] {
    for _ in 0..<600 {
        let job = try await http("GET", server.base.appendingPathComponent("jobs/\(id)")).object()
        if ["succeeded", "failed"].contains(job["status"] as? String) { return job }
        try await Task.sleep(for: .milliseconds(100))
    }
    return [:]
}
