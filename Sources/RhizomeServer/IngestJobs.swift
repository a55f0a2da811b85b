import Foundation
import Rhizome
import Synchronization

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
    /// The latest progress of running jobs, written by the ingest as it goes (no hop onto the actor per file).
    private let progress = ProgressBoard()

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
        let (knowledgeBase, latest) = (self.knowledgeBase, self.progress)
        // Below the requests' priority: a question asked during an ingest goes ahead of the ingest's work.
        Task(priority: .utility) {
            do {
                let report = try await knowledgeBase.ingest(sources) { progress in
                    latest.values.withLock {
                        $0[job.id] = .init(done: progress.done, total: progress.total, chunks: progress.chunks, embedded: progress.embedded)
                    }
                }
                finish(job.id, report: report, error: nil)
            } catch {
                finish(job.id, report: nil, error: String(describing: error))
            }
        }
        return job
    }

    /// The job as it stands: a queued job with progress is running.
    func job(_ id: String) -> IngestJob? {
        guard var job = jobs[id] else { return nil }
        if !job.isFinished, let current = progress.values.withLock({ $0[id] }) {
            job.status = .running
            job.progress = current
        }
        return job
    }

    /// All jobs, newest first.
    func all() -> [IngestJob] { order.reversed().compactMap(job) }

    private func finish(_ id: String, report: IngestReport?, error: String?) {
        guard var job = jobs[id] else { return }
        job.status = report == nil ? .failed : .succeeded
        job.report = report
        job.error = error
        job.finishedAt = ISO8601DateFormatter().string(from: Date())
        if let report { job.progress = .init(done: job.progress.total, total: job.progress.total, chunks: report.chunks, embedded: report.embedded) }
        jobs[id] = job
        progress.values.withLock { $0[id] = nil }
    }

    private func forgetOldJobs() {
        while order.count > keep, let oldest = order.first(where: { jobs[$0]?.isFinished == true }) {
            jobs[oldest] = nil
            order.removeAll { $0 == oldest }
        }
    }
}

/// Running jobs' latest progress, shared by the actor and the ingests it started.
final class ProgressBoard: Sendable {
    let values = Mutex<[String: IngestJob.Progress]>([:])
}
