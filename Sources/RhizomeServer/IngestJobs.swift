import Foundation
import Rhizome

/// An ingest the server runs in the background, as `GET /jobs/{id}` shows it.
struct IngestJob: Sendable, Codable, Equatable {
    enum Status: String, Sendable, Codable { case queued, running, succeeded, failed }
    struct Progress: Sendable, Codable, Equatable {
        var done: Int
        var total: Int
        var chunks: Int
        var embedded: Int?
    }

    var id: String
    var status: Status
    /// The stored paths the job was given.
    var paths: [String]
    var progress: Progress
    /// ISO 8601, like every time the server writes.
    var createdAt: String
    var finishedAt: String?
    /// The ingest report once the job has run (a job whose files failed still succeeds: see `report.failed`).
    var report: IngestReport?
    /// Why the job could not run at all.
    var error: String?

    var isFinished: Bool { status == .succeeded || status == .failed }
}

/// The server's ingest jobs: each runs through the knowledge base's one writer, in the order submitted,
/// and stays listed (with its report) until the server stops; the oldest finished ones are forgotten past
/// `keep`.
actor IngestJobs {
    private var jobs: [String: IngestJob] = [:]
    private var order: [String] = []
    private let knowledgeBase: KnowledgeBase
    private let keep: Int

    init(knowledgeBase: KnowledgeBase, keep: Int = 200) {
        self.knowledgeBase = knowledgeBase
        self.keep = keep
    }

    /// Queues an ingest of `sources` and returns its job at once.
    func submit(_ sources: [IngestSource], paths: [String]) -> IngestJob {
        let job = IngestJob(id: UUID().uuidString.lowercased(), status: .queued, paths: paths,
                            progress: .init(done: 0, total: sources.count, chunks: 0),
                            createdAt: ISO8601DateFormatter().string(from: Date()))
        jobs[job.id] = job
        order.append(job.id)
        forgetOldJobs()
        let knowledgeBase = self.knowledgeBase
        Task {
            do {
                let report = try await knowledgeBase.ingest(sources) { progress in
                    Task { await self.update(job.id, progress) }
                }
                finish(job.id, report: report, error: nil)
            } catch {
                finish(job.id, report: nil, error: String(describing: error))
            }
        }
        return job
    }

    func job(_ id: String) -> IngestJob? { jobs[id] }

    /// All jobs, newest first.
    func all() -> [IngestJob] { order.reversed().compactMap { jobs[$0] } }

    private func update(_ id: String, _ progress: IngestProgress) {
        guard var job = jobs[id], !job.isFinished else { return }
        job.status = .running
        job.progress = .init(done: progress.done, total: progress.total, chunks: progress.chunks, embedded: progress.embedded)
        jobs[id] = job
    }

    private func finish(_ id: String, report: IngestReport?, error: String?) {
        guard var job = jobs[id] else { return }
        job.status = report == nil ? .failed : .succeeded
        job.report = report
        job.error = error
        job.finishedAt = ISO8601DateFormatter().string(from: Date())
        if let report { job.progress = .init(done: job.progress.total, total: job.progress.total, chunks: report.chunks, embedded: report.embedded) }
        jobs[id] = job
    }

    private func forgetOldJobs() {
        while order.count > keep, let oldest = order.first(where: { jobs[$0]?.isFinished == true }) {
            jobs[oldest] = nil
            order.removeAll { $0 == oldest }
        }
    }
}
