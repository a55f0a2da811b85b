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

/// What the paths given to an ingest expand to.
public struct DiscoveredSources: Sendable {
    /// Files to ingest, sorted by stored path, each once.
    public var files: [SourceFile]
    /// Files found in directories but left out, sorted by path.
    public var skipped: [SkippedSource]
    /// Given paths that do not exist.
    public var missing: [String]
    /// Given paths that exist but could not be used (an unreadable directory), with the reason.
    public var problems: [(path: String, reason: String)]
    /// The stored-path prefix of each directory given (`docs/` for `docs`), to find vanished documents.
    public var directoryPrefixes: [String]
}

/// Expands the paths given to `rhizome ingest` into files: named files as they are, directories
/// recursively (hidden entries skipped) keeping files with a known extension or matching `--include`,
/// minus anything matching `--exclude`. Results are sorted so runs are reproducible. The same rule turns
/// a path a user types into the path a document is stored under (`storedPath(forTyped:)`), so every
/// command that takes a document path accepts what `ingest` was given.
public struct SourceDiscovery: Sendable {
    public var include: [String]
    public var exclude: [String]
    public var storeDirectory: URL
    /// The directory relative paths are resolved against (the process's current directory).
    public var workingDirectory: URL

    public init(include: [String] = [], exclude: [String] = [], storeDirectory: URL,
                workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.include = include
        self.exclude = exclude
        self.storeDirectory = storeDirectory.standardizedFileURL
        self.workingDirectory = workingDirectory.standardizedFileURL
    }

    /// The files under `paths`, what was skipped, and the paths that could not be used.
    public func files(in paths: [String]) -> DiscoveredSources {
        var result = DiscoveredSources(files: [], skipped: [], missing: [], problems: [], directoryPrefixes: [])
        let manager = FileManager.default
        for path in paths {
            let url = absoluteURL(forTyped: path)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                result.missing.append(path)
                continue
            }
            if !isDirectory.boolValue {
                if isExcluded(relativePath: url.lastPathComponent) {
                    result.skipped.append(SkippedSource(path: storedPath(for: url), reason: .excluded))
                } else {
                    result.files.append(sourceFile(url))
                }
                continue
            }
            guard let walker = manager.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey],
                                                  options: [.skipsHiddenFiles]) else {
                result.problems.append((path, "cannot list directory"))
                continue
            }
            result.directoryPrefixes.append(Self.directoryPrefix(storedPath(for: url)))
            for case let file as URL in walker {
                // Regular files, and symbolic links to files (a link to a folder is not followed).
                var isFolder: ObjCBool = false
                let isFile = (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
                    || (manager.fileExists(atPath: file.path, isDirectory: &isFolder) && !isFolder.boolValue)
                guard isFile else { continue }
                let standardized = file.standardizedFileURL
                let relative = String(standardized.path.dropFirst(url.path.count + 1))
                if let reason = skipReason(relativePath: relative) {
                    result.skipped.append(SkippedSource(path: storedPath(for: standardized), reason: reason))
                } else {
                    result.files.append(sourceFile(standardized))
                }
            }
        }
        var seen = Set<String>()
        result.files = result.files.filter { seen.insert($0.storedPath).inserted }.sorted { $0.storedPath < $1.storedPath }
        result.skipped.sort { $0.path < $1.path }
        return result
    }

    /// A typed path made absolute against the working directory and standardised (`.` and `..` resolved).
    public func absoluteURL(forTyped path: String) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        return URL(fileURLWithPath: expanded, relativeTo: workingDirectory).standardizedFileURL
    }

    /// The path a document from `typed` (as a user typed it: absolute, relative to the working
    /// directory, with `..` or a trailing slash) is stored under.
    public func storedPath(forTyped typed: String) -> String {
        storedPath(for: absoluteURL(forTyped: typed))
    }

    /// Relative to the store's folder when inside it, else absolute.
    public func storedPath(for url: URL) -> String {
        let base = storeDirectory.path.hasSuffix("/") ? storeDirectory.path : storeDirectory.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    /// `docs/` for `docs`; the empty prefix (everything) for the store's own folder.
    static func directoryPrefix(_ storedPath: String) -> String {
        storedPath.isEmpty || storedPath == "." ? "" : storedPath.hasSuffix("/") ? storedPath : storedPath + "/"
    }

    private func sourceFile(_ url: URL) -> SourceFile { SourceFile(url: url, storedPath: storedPath(for: url)) }

    private func skipReason(relativePath: String) -> SkippedSource.Reason? {
        if isExcluded(relativePath: relativePath) { return .excluded }
        if include.isEmpty {
            let known = DocumentReaders.extensions[(relativePath as NSString).pathExtension.lowercased()] != nil
            return known ? nil : .unknownExtension
        }
        return include.contains { Self.matches($0, relativePath) } ? nil : .notIncluded
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
