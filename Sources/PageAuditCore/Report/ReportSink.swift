import Foundation

/// Where a report is written, piece by piece, so that a report of a national run never has to be
/// held in memory whole. A file is written under a temporary name beside it and renamed when
/// complete: a reader (or a crash) never leaves half a report under the real name.
public final class ReportSink {
    public struct Failure: Error, CustomStringConvertible {
        public var path: String
        public var detail: String
        public var description: String { "cannot write the report to \(path): \(detail)" }
    }

    private enum Target { case standardOutput, file(final: String, temporary: String, handle: FileHandle), device(String, FileHandle), memory }
    private var target: Target
    private var buffer = Data()
    /// What was written, for `memory()` sinks.
    public private(set) var written = Data()

    private init(_ target: Target) { self.target = target }

    public static func standardOutput() -> ReportSink { ReportSink(.standardOutput) }

    /// What `write` writes, collected in memory (small reports, tests).
    public static func collecting(_ write: (ReportSink) throws -> Void) rethrows -> Data {
        let sink = ReportSink(.memory)
        try write(sink)
        try? sink.flush()
        return sink.written
    }

    public static func file(_ path: String) throws(Failure) -> ReportSink {
        // /dev/null, a pipe or a terminal is written to as it is; renaming onto it would replace it.
        var status = stat()
        if stat(path, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
            guard let handle = FileHandle(forWritingAtPath: path) else { throw Failure(path: path, detail: String(cString: strerror(errno))) }
            return ReportSink(.device(path, handle))
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).partial").path
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw Failure(path: path, detail: String(cString: strerror(errno)))
        }
        return ReportSink(.file(final: path, temporary: temporary, handle: handle))
    }

    public func write(_ text: String) throws(Failure) { try write(Data(text.utf8)) }

    public func write(_ data: Data) throws(Failure) {
        buffer.append(data)
        if buffer.count >= 1 << 18 { try flush() }
    }

    /// Flushes what is left and, for a file, puts it in place under its real name.
    public func finish() throws(Failure) {
        try flush()
        guard case .file(let final, let temporary, let handle) = target else { return }
        try? handle.close()
        guard rename(temporary, final) == 0 else {
            let detail = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw Failure(path: final, detail: detail)
        }
    }

    /// Removes a half-written file after a failure elsewhere.
    public func discard() {
        if case .file(_, let temporary, let handle) = target {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }

    private func flush() throws(Failure) {
        guard !buffer.isEmpty else { return }
        switch target {
        case .standardOutput: FileHandle.standardOutput.write(buffer)
        case .memory: written.append(buffer)
        case .file(let path, _, let handle), .device(let path, let handle):
            do { try handle.write(contentsOf: buffer) } catch { throw Failure(path: path, detail: error.localizedDescription) }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
