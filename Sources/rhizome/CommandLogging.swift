import Foundation
import Logging

/// Sends swift-log output to standard error at the level named by `RHIZOME_LOG_LEVEL` (default `warning`),
/// so `RHIZOME_LOG_LEVEL=debug rhizome ingest …` traces every file without touching standard output.
enum CommandLogging {
    /// The process's peak resident memory in bytes (Linux reports `ru_maxrss` in kilobytes).
    static var peakResidentBytes: Int {
        var usage = rusage()
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss) * 1024
    }

    /// Sets the log level from `RHIZOME_LOG_LEVEL`; an unknown level is a usage error, not silently ignored.
    static func bootstrap(environment: [String: String] = ProcessInfo.processInfo.environment) throws(CommandError) {
        var level = Logger.Level.warning
        if let name = environment["RHIZOME_LOG_LEVEL"], !name.isEmpty {
            guard let named = Logger.Level(rawValue: name.lowercased()) else {
                let levels = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
                throw CommandError(description: "RHIZOME_LOG_LEVEL must be one of \(levels), not '\(name)'", exitCode: 64)
            }
            level = named
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
