import Foundation

/// Serialises writes to the run's WARC file: every exchange and every failed attempt goes in, so an
/// offline replay of the archive meets exactly what the live run met.
public actor EvidenceRecorder {
    private let writer: WARCWriter
    public nonisolated let file: URL
    private var problems: [String] = []

    public init(file: URL, info: [(String, String)]) throws {
        self.writer = try WARCWriter(file: file, info: info)
        self.file = file
    }

    public func record(_ exchange: HTTPExchange) {
        do { try writer.write(exchange) } catch { problems.append("\(error)") }
    }

    /// A capture that produced no response: `reason` is kept so the replay gives the same failure.
    public func recordFailure(_ failure: CaptureFailure, targetURI: String, date: Date) {
        do {
            try writer.writeCaptureFailure(targetURI: targetURI, date: date, detail: "\(failure.reason.rawValue): \(failure.detail ?? "")")
        } catch {
            problems.append("\(error)")
        }
    }

    /// Closes the archive and writes its index; returns what could not be recorded.
    public func finish() -> [String] {
        do { try writer.finish() } catch { problems.append("\(error)") }
        return problems
    }
}
