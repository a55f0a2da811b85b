import Foundation
import Rhizome

/// Rendering helpers shared by the commands: JSON for `--json`, lines on standard error.
enum Output {
    /// Prints a `Codable` value as pretty, key-sorted, snake_case JSON.
    static func printJSON(_ value: some Encodable) throws {
        print(String(decoding: try MachineJSON.encoder().encode(value), as: UTF8.self))
    }

    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// True when standard error is a terminal: progress is drawn only there.
    static var standardErrorIsTerminal: Bool { isatty(2) == 1 }

    static func grouped(_ number: Int) -> String {
        number.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
    }

    /// `1 file`, `2 files`, `1,204 chunks`: a number with its noun, singular or plural.
    static func count(_ number: Int, _ singular: String, plural: String? = nil) -> String {
        "\(grouped(number)) \(number == 1 ? singular : plural ?? singular + "s")"
    }

    static func bytes(_ count: Int) -> String {
        count >= 1_048_576 ? String(format: "%.1f MB", Double(count) / 1_048_576)
            : count >= 1024 ? String(format: "%.1f kB", Double(count) / 1024) : "\(count) B"
    }
}

/// Errors the CLI reports in one line (`Error: …`) before exiting with `exitCode` (1, or 64 for usage).
struct CommandError: Error, CustomStringConvertible {
    var description: String
    var exitCode: Int32 = 1
}

/// Parses sizes such as `50MB`, `512k`, `1g` or a plain number of bytes.
func parseByteSize(_ text: String) -> Int? {
    let lower = text.lowercased().trimmingCharacters(in: .whitespaces)
    let units: [(String, Int)] = [("gb", 1 << 30), ("g", 1 << 30), ("mb", 1 << 20), ("m", 1 << 20),
                                  ("kb", 1 << 10), ("k", 1 << 10), ("b", 1)]
    for (suffix, factor) in units where lower.hasSuffix(suffix) {
        return Double(lower.dropLast(suffix.count)).map { Int($0 * Double(factor)) }
    }
    return Int(lower)
}
