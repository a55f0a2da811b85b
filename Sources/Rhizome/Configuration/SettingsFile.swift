import Foundation
import TOMLKit

/// `rhizome.toml` beside a store: the defaults a user sets once (like LightRAG's `.env` or GraphRAG's
/// `settings.yaml`). Flags and `RHIZOME_*` variables override it; it overrides what the store remembers.
/// API keys never belong here: they stay in the environment.
public struct SettingsFile: Sendable, Equatable {
    public var providers: ProviderFlags
    public var ingest: IngestDefaults

    public static let fileName = "rhizome.toml"

    public init(providers: ProviderFlags = ProviderFlags(), ingest: IngestDefaults = IngestDefaults()) {
        self.providers = providers
        self.ingest = ingest
    }

    /// The settings file that belongs to the store at `storePath`.
    public static func url(forStore storePath: String) -> URL {
        URL(fileURLWithPath: storePath).deletingLastPathComponent().appendingPathComponent(fileName)
    }

    /// The file at `url`, or nil when there is none.
    public static func load(from url: URL) throws(SettingsFileError) -> SettingsFile? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw SettingsFileError(path: url.path, problem: "it is not readable UTF-8 text")
        }
        return try parse(text, path: url.path)
    }

    /// Reads settings from TOML text; an unknown section or key, or a value of the wrong kind, is an error
    /// naming it (a misspelt setting must never be ignored in silence).
    public static func parse(_ text: String, path: String) throws(SettingsFileError) -> SettingsFile {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw SettingsFileError(path: path, problem: "line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)")
        } catch {
            throw SettingsFileError(path: path, problem: "\(error)")
        }
        let reader = SettingsReader(table: table, path: path)
        var settings = SettingsFile()
        try reader.section("llm", keys: ["provider", "model", "base_url", "concurrency", "timeout", "first_token_timeout"])
        settings.providers.llm = try reader.string("llm", "provider")?.lowercased()
        settings.providers.model = try reader.string("llm", "model")
        settings.providers.llmBaseURL = try reader.string("llm", "base_url")
        settings.providers.concurrency = try reader.positiveInt("llm", "concurrency")
        settings.providers.timeout = try reader.seconds("llm", "timeout")
        settings.providers.firstTokenTimeout = try reader.seconds("llm", "first_token_timeout")
        try reader.section("embedding", keys: ["provider", "model", "base_url", "dimension"])
        settings.providers.embedding = try reader.string("embedding", "provider")?.lowercased()
        settings.providers.embeddingModel = try reader.string("embedding", "model")
        settings.providers.embeddingBaseURL = try reader.string("embedding", "base_url")
        settings.providers.embeddingDimension = try reader.positiveInt("embedding", "dimension")
        try reader.section("ingest", keys: ["chunk_tokens", "chunk_overlap", "gleaning", "language", "structured", "entity_types"])
        settings.ingest.chunkTokens = try reader.positiveInt("ingest", "chunk_tokens")
        settings.ingest.chunkOverlap = try reader.int("ingest", "chunk_overlap")
        settings.ingest.gleaning = try reader.int("ingest", "gleaning")
        settings.ingest.language = try reader.string("ingest", "language")
        settings.ingest.structured = try reader.string("ingest", "structured")
        settings.ingest.entityTypes = try reader.strings("ingest", "entity_types")
        try reader.rejectUnknownSections(["llm", "embedding", "ingest"])
        return settings
    }
}

/// Ingest settings a file may preset; nil keeps the built-in default.
public struct IngestDefaults: Sendable, Equatable {
    public var chunkTokens: Int?
    public var chunkOverlap: Int?
    public var gleaning: Int?
    public var language: String?
    public var structured: String?
    public var entityTypes: [String]?

    public init(chunkTokens: Int? = nil, chunkOverlap: Int? = nil, gleaning: Int? = nil, language: String? = nil,
                structured: String? = nil, entityTypes: [String]? = nil) {
        self.chunkTokens = chunkTokens
        self.chunkOverlap = chunkOverlap
        self.gleaning = gleaning
        self.language = language
        self.structured = structured
        self.entityTypes = entityTypes
    }
}

extension IngestDefaults {
    /// These settings, with gaps filled from `fallback`.
    public func filled(from fallback: IngestDefaults) -> IngestDefaults {
        IngestDefaults(chunkTokens: chunkTokens ?? fallback.chunkTokens, chunkOverlap: chunkOverlap ?? fallback.chunkOverlap,
                       gleaning: gleaning ?? fallback.gleaning, language: language ?? fallback.language,
                       structured: structured ?? fallback.structured, entityTypes: entityTypes ?? fallback.entityTypes)
    }
}

public struct SettingsFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let problem: String

    public var description: String { "cannot use the settings file \(path): \(problem)" }
}

/// Typed reads from a parsed TOML table, every failure naming `section.key`.
private struct SettingsReader {
    let table: TOMLTable
    let path: String

    func section(_ name: String, keys: Set<String>) throws(SettingsFileError) {
        guard let value = table[name] else { return }
        guard let section = value.table else { throw problem("[\(name)] must be a table") }
        if let unknown = section.keys.sorted().first(where: { !keys.contains($0) }) {
            throw problem("unknown setting \(name).\(unknown) (known in [\(name)]: \(keys.sorted().joined(separator: ", ")))")
        }
    }

    func rejectUnknownSections(_ known: Set<String>) throws(SettingsFileError) {
        if let unknown = table.keys.sorted().first(where: { !known.contains($0) }) {
            throw problem("unknown section or key '\(unknown)' (known sections: \(known.sorted().joined(separator: ", ")))")
        }
    }

    func string(_ section: String, _ key: String) throws(SettingsFileError) -> String? {
        guard let value = table[section]?.table?[key] else { return nil }
        guard let text = value.string else { throw problem("\(section).\(key) must be a string in quotes") }
        return text.isEmpty ? nil : text
    }

    func strings(_ section: String, _ key: String) throws(SettingsFileError) -> [String]? {
        guard let value = table[section]?.table?[key] else { return nil }
        guard let array = value.array else { throw problem("\(section).\(key) must be a list of strings, like [\"Person\", \"Tool\"]") }
        var texts: [String] = []
        for element in array {
            guard let text = element.string else { throw problem("\(section).\(key) must hold strings only") }
            texts.append(text)
        }
        return texts
    }

    func int(_ section: String, _ key: String) throws(SettingsFileError) -> Int? {
        guard let value = table[section]?.table?[key] else { return nil }
        guard let number = value.int, number >= 0 else { throw problem("\(section).\(key) must be a whole number, 0 or more") }
        return number
    }

    func positiveInt(_ section: String, _ key: String) throws(SettingsFileError) -> Int? {
        guard let number = try int(section, key) else { return nil }
        guard number > 0 else { throw problem("\(section).\(key) must be at least 1") }
        return number
    }

    func seconds(_ section: String, _ key: String) throws(SettingsFileError) -> Double? {
        guard let value = table[section]?.table?[key] else { return nil }
        guard let seconds = value.double ?? value.int.map(Double.init), seconds > 0 else {
            throw problem("\(section).\(key) must be a positive number of seconds")
        }
        return seconds
    }

    private func problem(_ text: String) -> SettingsFileError { SettingsFileError(path: path, problem: text) }
}
