import Foundation
import Logging

/// Sends swift-log output to standard error at the level named by `RHIZOME_LOG_LEVEL` (default `warning`),
/// so `RHIZOME_LOG_LEVEL=debug rhizome ingest …` traces every file without touching standard output.
enum CommandLogging {
    static func bootstrap(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let level = environment["RHIZOME_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
