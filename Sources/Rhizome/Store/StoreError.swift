/// Why the store refused or failed an operation; messages name the file and, where there is one, the fix.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// The file exists but is not a Rhizome store (or not SQLite at all).
    case notAStore(path: String, reason: String)
    /// The store was created with other settings than the ones asked for.
    case settingsMismatch(setting: String, stored: String, requested: String, fix: String)
    /// Settings for a new store are invalid (e.g. overlap not smaller than the chunk size).
    case invalidSettings(String)
    /// No document matches a path or id; `nearest` holds the stored paths most like it.
    case documentNotFound(String, nearest: [String] = [])
    /// The store was opened read-only (read-only file or media) and an operation needed to write.
    case readOnly(path: String)
    /// Another writer (another process on the same file) committed to the graph after this change read it;
    /// the change was not applied and can be worked out again.
    case concurrentChange
    /// SQLite reported an error.
    case database(String)

    /// The reason of `notAStore` when the file does not exist.
    public static let noSuchFile = "no such file"

    public var description: String {
        switch self {
        case .notAStore(let path, let reason): "\(path) is not a Rhizome store: \(reason)"
        case .settingsMismatch(let setting, let stored, let requested, let fix):
            "the store was created with \(setting) \(stored), not \(requested); \(fix)"
        case .invalidSettings(let why): why
        case .documentNotFound(let key, let nearest):
            "no document with path or id '\(key)'" + (nearest.isEmpty ? "" : "; nearest stored paths: \(nearest.joined(separator: ", "))")
        case .readOnly(let path): "\(path) is read-only; this command needs to write to the store"
        case .concurrentChange: "another writer changed the graph while this change was being worked out"
        case .database(let message): "store error: \(message)"
        }
    }
}
