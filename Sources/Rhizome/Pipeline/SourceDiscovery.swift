import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file to ingest and the path it is stored under.
public struct SourceFile: Sendable, Equatable {
    public var url: URL
    /// Relative to the store's folder when the file is inside it (so a store and its corpus can move
    /// together), else absolute.
    public var storedPath: String
}

/// Expands the paths given to `rhizome ingest` into files: named files as they are, directories
/// recursively (hidden entries skipped) keeping files with a known extension or matching `--include`,
/// minus anything matching `--exclude`. Results are sorted so runs are reproducible.
public struct SourceDiscovery: Sendable {
    public var include: [String]
    public var exclude: [String]
    public var storeDirectory: URL

    public init(include: [String] = [], exclude: [String] = [], storeDirectory: URL) {
        self.include = include
        self.exclude = exclude
        self.storeDirectory = storeDirectory.standardizedFileURL
    }

    /// The files under `paths`, and a reason for each path that could not be used.
    public func files(in paths: [String]) -> (files: [SourceFile], problems: [(path: String, reason: String)]) {
        var files: [SourceFile] = []
        var problems: [(String, String)] = []
        let manager = FileManager.default
        for path in paths {
            let url = URL(fileURLWithPath: path).standardizedFileURL
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                problems.append((path, "no such file or directory"))
                continue
            }
            if !isDirectory.boolValue {
                if !isExcluded(relativePath: url.lastPathComponent) { files.append(sourceFile(url)) }
                continue
            }
            guard let walker = manager.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey],
                                                  options: [.skipsHiddenFiles]) else {
                problems.append((path, "cannot list directory"))
                continue
            }
            for case let file as URL in walker {
                guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                let relative = String(file.standardizedFileURL.path.dropFirst(url.path.count + 1))
                if isIncluded(relativePath: relative), !isExcluded(relativePath: relative) {
                    files.append(sourceFile(file.standardizedFileURL))
                }
            }
        }
        var seen = Set<String>()
        let unique = files.filter { seen.insert($0.storedPath).inserted }
        return (unique.sorted { $0.storedPath < $1.storedPath }, problems)
    }

    func storedPath(for url: URL) -> String {
        let base = storeDirectory.path.hasSuffix("/") ? storeDirectory.path : storeDirectory.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    private func sourceFile(_ url: URL) -> SourceFile { SourceFile(url: url, storedPath: storedPath(for: url)) }

    private func isIncluded(relativePath: String) -> Bool {
        if include.isEmpty {
            return DocumentReaders.extensions[(relativePath as NSString).pathExtension.lowercased()] != nil
        }
        return include.contains { Self.matches($0, relativePath) }
    }

    private func isExcluded(relativePath: String) -> Bool {
        exclude.contains { Self.matches($0, relativePath) }
    }

    /// Shell-style glob against the relative path or the file name (`*.html`, `drafts/*`, `**/old/*`).
    static func matches(_ pattern: String, _ relativePath: String) -> Bool {
        let name = (relativePath as NSString).lastPathComponent
        let flattened = pattern.replacingOccurrences(of: "**/", with: "")
        return [pattern, flattened].contains { glob in
            fnmatch(glob, relativePath, 0) == 0 || fnmatch(glob, name, 0) == 0
                || fnmatch(glob + "/*", relativePath, 0) == 0
        }
    }
}
