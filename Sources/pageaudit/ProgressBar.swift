import Foundation
import PageAuditCore

/// A progress line on stderr during long runs: agencies done, sites not read, rate, time left.
/// Only on a terminal; a CI log gets nothing, and stdout (the report) is never touched.
final class ProgressBar: @unchecked Sendable {
    private let total: Int
    private let started = Date()
    private let lock = NSLock()
    private var unreadable = 0

    init(total: Int) { self.total = total }

    static var enabled: Bool { isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb" }

    func update(done: Int, audit: AgencyAudit) {
        let errors = lock.withLock { () -> Int in
            if case .unreadable = audit.site { unreadable += 1 }
            return unreadable
        }
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let rate = Double(done) / elapsed
        let left = rate > 0 ? Int(Double(total - done) / rate) : 0
        let width = 24, filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = String(format: "\r%@ %d/%d  сайт не прочитан: %d  %.1f/с  осталось ~%d:%02d ", bar, done, total, errors, rate, left / 60, left % 60)
        FileHandle.standardError.write(Data(line.utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
