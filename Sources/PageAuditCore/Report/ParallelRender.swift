import Foundation

/// Renders the agencies of a report in batches on all cores and hands the pieces over in registry
/// order: reading an agency back from the journal and encoding it is most of the cost of a report,
/// and each agency is independent. A batch bounds what is held at once.
enum ParallelRender {
    static let batchSize = 256

    /// Calls `write` with `render(agency)` for every agency, in order.
    static func each(_ agencies: AuditResults, render: @Sendable (AgencyAudit) throws -> Data,
                     write: (Data) throws -> Void) throws {
        var start = 0
        while start < agencies.count {
            let first = start, end = min(agencies.count, start + batchSize)
            let pieces = Pieces(count: end - first)
            DispatchQueue.concurrentPerform(iterations: end - first) { offset in
                pieces.set(offset, Result { try render(agencies[first + offset]) })
            }
            for piece in pieces.all { try write(try piece.get()) }
            start = end
        }
    }

    /// Results written from several threads, each to its own slot.
    private final class Pieces: @unchecked Sendable {
        private var slots: [Result<Data, any Error>]
        private let lock = NSLock()

        init(count: Int) { slots = Array(repeating: .success(Data()), count: count) }

        func set(_ index: Int, _ value: Result<Data, any Error>) {
            lock.lock()
            slots[index] = value
            lock.unlock()
        }

        var all: [Result<Data, any Error>] { lock.withLock { slots } }
    }
}
