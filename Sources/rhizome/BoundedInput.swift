import Foundation

/// Reads a file or a stream to its end, but never more than a limit: an endless stream is refused once
/// it passes the limit instead of growing memory without bound.
enum BoundedInput {
    struct TooLarge: Error { var limit: Int }

    static func read(_ handle: FileHandle, limit: Int) throws -> Data {
        var data = Data()
        while let piece = try handle.read(upToCount: 1 << 20), !piece.isEmpty {
            data.append(piece)
            if data.count > limit { throw TooLarge(limit: limit) }
        }
        return data
    }
}
