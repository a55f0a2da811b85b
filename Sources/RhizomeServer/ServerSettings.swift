import Foundation

/// How `rhizome serve` listens and what it lets a request do.
public struct ServerSettings: Sendable {
    public var host: String
    /// 0: any free port (the one bound is reported when the server is running).
    public var port: Int
    /// Required on every route when set; `validate()` requires one beyond loopback.
    public var apiKey: String?
    /// The only folder a request may have ingested from the server's file system (given at start-up).
    public var scanFolder: URL?
    /// Largest upload (one multipart body) and largest other request body, in bytes.
    public var maxUploadBytes: Int
    public var maxRequestBytes: Int

    public init(host: String = "127.0.0.1", port: Int = 9621, apiKey: String? = nil, scanFolder: URL? = nil,
                maxUploadBytes: Int = 50 << 20, maxRequestBytes: Int = 1 << 20) {
        self.host = host
        self.port = port
        self.apiKey = apiKey
        self.scanFolder = scanFolder
        self.maxUploadBytes = maxUploadBytes
        self.maxRequestBytes = maxRequestBytes
    }

    /// Whether `host` only reaches this machine.
    public var isLoopback: Bool { ["127.0.0.1", "::1", "localhost"].contains(host) || host.hasPrefix("127.") }

    /// Refuses to serve beyond loopback without a key, and an empty key.
    public func validate() throws(ServerSettingsError) {
        if let apiKey, apiKey.isEmpty { throw .emptyKey }
        if !isLoopback, apiKey == nil { throw .keyRequired(host: host) }
    }
}

public enum ServerSettingsError: Error, Equatable, CustomStringConvertible {
    case keyRequired(host: String)
    case emptyKey

    public var description: String {
        switch self {
        case .keyRequired(let host): "serving on \(host) reaches beyond this machine, so an API key is required"
        case .emptyKey: "the API key is empty"
        }
    }
}
