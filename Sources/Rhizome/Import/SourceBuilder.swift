import Crypto
import Foundation

/// Where an imported fact is mentioned: a chunk id with its document path and order.
struct ImportPlace: Hashable {
    var chunkID: String
    var path: String
    var order: Int
}

/// Turns an import file's chunks into documents the store can hold, and gives every fact the chunks it can
/// be mentioned in: the file's own chunks (rebuilt at their offsets, so exported ids and spans come back
/// unchanged), chunks already in the store, or else one line per fact in a document named after the file.
struct SourceBuilder {
    private struct PlannedDocument {
        var path: String
        var title: String
        var chunks: [(id: String, text: String, headingPath: [String], start: Int?, end: Int?)] = []
    }

    private let tokenizer: any Tokenizer
    private let store: any GraphStore
    private let fallbackPath: String
    private var planned: [String: PlannedDocument] = [:]
    private var placeOfFileChunk: [String: ImportPlace] = [:]
    private var storedPlaces: [String: (path: String, order: Int)]
    private var fallbackLines: [String: ImportPlace] = [:]

    init(file: ImportFile, fallbackPath: String, store: any GraphStore, tokenizer: any Tokenizer) async throws {
        self.tokenizer = tokenizer
        self.store = store
        self.fallbackPath = fallbackPath
        let cited = Set(file.entities.flatMap(\.chunks) + file.relations.flatMap(\.chunks) + file.chunks.map(\.id))
        storedPlaces = try await store.chunkPlaces(cited)
        let paths = Set(file.chunks.map { $0.document ?? fallbackPath })
        let storedPaths = try await store.storedDocumentPaths(paths.subtracting([fallbackPath]))
        let ordered = file.chunks.enumerated().sorted { ($0.element.order ?? $0.offset, $0.offset) < ($1.element.order ?? $1.offset, $1.offset) }
        for (_, chunk) in ordered where storedPlaces[chunk.id] == nil {
            let path = chunk.document ?? fallbackPath
            guard !storedPaths.contains(path) else { continue }
            var document = planned[path] ?? PlannedDocument(path: path, title: chunk.documentTitle ?? (path == fallbackPath ? Self.title(fallbackPath) : ""))
            let documentID = StoredDocument.id(forPath: path)
            let order = document.chunks.count
            let id = chunk.id.hasPrefix("chunk-") ? chunk.id : Chunker.chunkID(documentID: documentID, occurrence: order, text: chunk.text)
            document.chunks.append((id, chunk.text, chunk.headingPath, chunk.start, chunk.end))
            planned[path] = document
            placeOfFileChunk[chunk.id] = ImportPlace(chunkID: id, path: path, order: order)
        }
    }

    static func title(_ fallbackPath: String) -> String { "Imported from \(fallbackPath.split(separator: "/").last ?? "")" }

    /// The chunks a fact citing `chunkIDs` is mentioned in; a line of its own when none of them can be had.
    mutating func places(for chunkIDs: [String], fallbackLine: String) -> [ImportPlace] {
        var places: [ImportPlace] = []
        for id in chunkIDs {
            if let place = placeOfFileChunk[id] {
                places.append(place)
            } else if let stored = storedPlaces[id] {
                places.append(ImportPlace(chunkID: id, path: stored.path, order: stored.order))
            }
        }
        if !places.isEmpty { return Array(Set(places)).sorted { $0.chunkID < $1.chunkID } }
        if let place = fallbackLines[fallbackLine] { return [place] }
        var document = planned[fallbackPath] ?? PlannedDocument(path: fallbackPath, title: Self.title(fallbackPath))
        let order = document.chunks.count
        let id = Chunker.chunkID(documentID: StoredDocument.id(forPath: fallbackPath), occurrence: order, text: fallbackLine)
        document.chunks.append((id, fallbackLine, [], nil, nil))
        planned[fallbackPath] = document
        let place = ImportPlace(chunkID: id, path: fallbackPath, order: order)
        fallbackLines[fallbackLine] = place
        return [place]
    }

    /// The documents to store; `removedChunks` are the chunks of a document the import replaces (an earlier
    /// import of the same file), whose mentions the new ones take the place of.
    func finish() async throws -> (changes: [GraphCommit.DocumentChange], removedChunks: [String], chunkCount: Int) {
        var changes: [GraphCommit.DocumentChange] = []
        var removed: [String] = []
        var count = 0
        for path in planned.keys.sorted() {
            let plan = planned[path]!
            let documentID = StoredDocument.id(forPath: path)
            let (text, spans) = Self.layout(plan.chunks.map { ($0.text, $0.start, $0.end) })
            let chunks = plan.chunks.enumerated().map { order, chunk in
                Chunk(id: chunk.id, documentID: documentID, order: order, text: chunk.text, tokenCount: tokenizer.count(chunk.text),
                      headingPath: chunk.headingPath, startOffset: spans[order].start, endOffset: spans[order].end)
            }
            let hash = SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
            let document = Document(sourcePath: path, title: plan.title, format: .text, contentHash: hash, byteCount: text.utf8.count,
                                    blocks: text.isEmpty ? [] : [Block(kind: .paragraph, text: text, headingPath: [])])
            if path == fallbackPath { removed += try await store.chunkIDs(ofDocument: documentID) }
            changes.append(.replace(document, id: documentID, chunks: chunks))
            count += chunks.count
        }
        return (changes, removed, count)
    }

    /// The document text and each chunk's scalar span: chunks go back to their stated offsets when those
    /// agree with each other (overlaps included, gaps filled with newlines) and the gaps stay within
    /// `maximumGap(forText:)`; otherwise they are laid out one after another, separated by blank lines.
    static func layout(_ chunks: [(text: String, start: Int?, end: Int?)]) -> (String, [(start: Int, end: Int)]) {
        if let placed = placedAtOffsets(chunks) { return placed }
        var scalars = String.UnicodeScalarView()
        var spans: [(start: Int, end: Int)] = []
        var position = 0
        for (index, chunk) in chunks.enumerated() {
            if index > 0 { scalars.append(contentsOf: "\n\n".unicodeScalars); position += 2 }
            let length = chunk.text.unicodeScalars.count
            scalars.append(contentsOf: chunk.text.unicodeScalars)
            spans.append((position, position + length))
            position += length
        }
        return (String(scalars), spans)
    }

    /// How long a document rebuilt from `scalars` characters of chunk text may be: offsets may leave
    /// out the uncited chunks of a real document, but a few bytes never stand for hundreds of megabytes.
    static func maximumLength(forText scalars: Int) -> Int { 1 << 20 + scalars * 64 }

    private static func placedAtOffsets(_ chunks: [(text: String, start: Int?, end: Int?)]) -> (String, [(start: Int, end: Int)])? {
        var spans: [(start: Int, end: Int)] = []
        for chunk in chunks {
            guard let start = chunk.start, let end = chunk.end, start >= 0, end - start == chunk.text.unicodeScalars.count else { return nil }
            spans.append((start, end))
        }
        let stated = chunks.reduce(0) { $0 + $1.text.unicodeScalars.count }
        guard !spans.isEmpty, let length = spans.map(\.end).max(), length <= maximumLength(forText: stated) else { return nil }
        var text = [Unicode.Scalar](repeating: "\n", count: length)
        var filled = [Bool](repeating: false, count: length)
        for (chunk, span) in zip(chunks, spans) {
            for (offset, scalar) in chunk.text.unicodeScalars.enumerated() {
                let position = span.start + offset
                if filled[position], text[position] != scalar { return nil }
                text[position] = scalar
                filled[position] = true
            }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: text)
        return (String(view), spans)
    }
}
