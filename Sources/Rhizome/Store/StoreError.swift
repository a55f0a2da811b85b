/// Why the store refused or failed an operation; messages name the file and the setting, not the command
/// that fixes it (each front end words its own advice).
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// The file exists but is not a Rhizome store (or not SQLite at all).
    case notAStore(path: String, reason: String)
    /// The store was created with other settings than the ones asked for.
    case settingsMismatch(setting: StoreSetting, stored: String, requested: String)
    /// Settings for a new store are invalid (e.g. overlap not smaller than the chunk size).
    case invalidSettings(String)
    /// No document matches a path or id; `nearest` holds the stored paths most like it.
    case documentNotFound(String, nearest: [String] = [])
    /// The store was opened read-only (read-only file or media) and an operation needed to write.
    case readOnly(path: String)
    /// Another writer (another process on the same file) committed to the graph after this change read it;
    /// the change was not applied and can be worked out again.
    case concurrentChange
    /// SQLite reported an error, or the store's contents broke an invariant.
    case database(DatabaseFailure)
    /// The task was cancelled before the store answered; a write was rolled back whole.
    case cancelled

    /// Whether `error` says the task was cancelled (by the store or by anything else).
    public static func isCancellation(_ error: any Error) -> Bool {
        error is CancellationError || (error as? StoreError) == .cancelled
    }

    /// The reason of `notAStore` when the file does not exist.
    public static let noSuchFile = "no such file"

    public var description: String {
        switch self {
        case .notAStore(let path, let reason): "\(path) is not a Rhizome store: \(reason)"
        case .settingsMismatch(let setting, let stored, let requested):
            "the store was created with \(setting.rawValue) \(stored), not \(requested)"
        case .invalidSettings(let why): why
        case .documentNotFound(let key, let nearest):
            "no document with path or id '\(key)'" + (nearest.isEmpty ? "" : "; nearest stored paths: \(nearest.joined(separator: ", "))")
        case .readOnly(let path): "\(path) is read-only; this command needs to write to the store"
        case .concurrentChange: "another writer changed the graph while this change was being worked out"
        case .database(let failure): "store error: \(failure)"
        case .cancelled: "cancelled before the store answered"
        }
    }
}

/// A setting a store is created with and keeps.
public enum StoreSetting: String, Sendable, Equatable {
    case tokenizer
    case chunkTokens = "chunk size (tokens)"
    case chunkOverlap = "chunk overlap (tokens)"
    case embeddingModel = "embedding model"
}

/// What went wrong in the database, by kind, with SQLite's message: a front end can tell a store that is
/// busy (try again) from one that is damaged or on a failing disk.
public struct DatabaseFailure: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// Another connection holds the lock longer than the busy timeout.
        case busy
        /// A constraint (unique, foreign key, check) refused a write.
        case constraint
        /// The file is damaged or not a database.
        case corrupt
        /// Reading or writing the file failed, or the disk is full.
        case io
        /// Anything else, including a broken invariant of the store's own.
        case other
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { kind == .other ? message : "\(kind.rawValue): \(message)" }
}
