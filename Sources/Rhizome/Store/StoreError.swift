/// Why the store refused or failed an operation; messages name the file and, where there is one, the fix.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// The file exists but is not a Rhizome store (or not SQLite at all).
    case notAStore(path: String, reason: String)
    /// The store was created with other settings than the ones asked for.
    case settingsMismatch(setting: String, stored: String, requested: String, fix: String)
    /// Settings for a new store are invalid (e.g. overlap not smaller than the chunk size).
    case invalidSettings(String)
    /// No document matches a path or id.
    case documentNotFound(String)
    /// SQLite reported an error.
    case database(String)

    public var description: String {
        switch self {
        case .notAStore(let path, let reason): "\(path) is not a Rhizome store: \(reason)"
        case .settingsMismatch(let setting, let stored, let requested, let fix):
            "the store was created with \(setting) \(stored), not \(requested); \(fix)"
        case .invalidSettings(let why): why
        case .documentNotFound(let key): "no document with path or id '\(key)'"
        case .database(let message): "store error: \(message)"
        }
    }
}
