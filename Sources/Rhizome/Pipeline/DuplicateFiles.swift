import Crypto
import Foundation

/// Finds files of a batch with identical bytes (copies, hard links, symlinks): only files of equal size
/// are hashed, one at a time, so the cost is a stat per file plus a read of the few that could match.
enum DuplicateFiles {
    /// For each file that repeats an earlier one (in stored-path order), the stored path of the first.
    static func originals(among files: [SourceFile]) -> [String: String] {
        var bySize: [Int: [SourceFile]] = [:]
        for file in files {
            guard let size = (try? FileManager.default.attributesOfItem(atPath: file.url.resolvingSymlinksInPath().path)[.size] as? NSNumber)?.intValue
            else { continue }
            bySize[size, default: []].append(file)
        }
        var originals: [String: String] = [:]
        for group in bySize.values where group.count > 1 {
            var firstByHash: [String: String] = [:]
            for file in group.sorted(by: { $0.storedPath < $1.storedPath }) {
                guard let hash = hash(of: file.url) else { continue }
                if let first = firstByHash[hash] {
                    originals[file.storedPath] = first
                } else {
                    firstByHash[hash] = file.storedPath
                }
            }
        }
        return originals
    }

    private static func hash(of url: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let data = try? handle.read(upToCount: 1 << 20), !data.isEmpty { hasher.update(data: data) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
