import Foundation

/// One request the farm answered, as logged by `scripts/test-farm.py` when its response finished.
struct LoggedRequest: Decodable, Sendable, Equatable {
    /// The address the request arrived on: "127.0.0.2" is host 0, "127.0.0.3" host 1, …
    var host: String
    /// The request target exactly as sent, with its query ("/page?n=2").
    var path: String
    /// Unix times in seconds: when the request line was read, and when the last byte of the answer
    /// was written (or when the farm noticed the client had gone away).
    var start: Double
    var end: Double
    /// Request headers as sent (repeated headers joined with ", "). Use `header(_:)` to look one up.
    var headers: [String: String]
    var method: String?
    /// The status sent; nil when no response was sent (`/reset`).
    var status: Int?
    /// Body bytes written, chunk framing included.
    var bytes: Int?
    /// True when the client went away before the answer was complete.
    var aborted: Bool?
    /// The client's address and port ("127.0.0.1:40312"): requests on one connection share it.
    var peer: String?

    /// The host index (0 for 127.0.0.2), as `TestFarm.url(host:_:)` counts.
    var hostIndex: Int? {
        guard host.hasPrefix("127.0.0."), let last = Int(host.dropFirst("127.0.0.".count)) else { return nil }
        return last - 2
    }

    /// The path without its query.
    var pathOnly: String { String(path.prefix { $0 != "?" }) }

    /// A request header, case-insensitively.
    func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

struct TestFarmError: Error, CustomStringConvertible {
    var description: String
}

/// The loopback HTTP farm of `scripts/test-farm.py`: `hosts` servers on one port, on 127.0.0.2,
/// 127.0.0.3, … Each test should start its own farm (fresh log and fresh once-only state) and stop
/// it when done; the farm also exits by itself when this process ends (its stdin closes) or after
/// `maxSeconds`.
final class TestFarm: @unchecked Sendable {
    let port: Int
    let hostCount: Int
    /// The JSON-lines request log the farm writes.
    let logURL: URL

    private let process: Process
    private let stdinPipe: Pipe
    private let folder: URL
    private let lock = NSLock()
    private var stopped = false

    /// The repository root, found from this file's place (Tests/PageAuditCoreTests/Support/).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var scriptURL: URL { repositoryRoot.appendingPathComponent("scripts/test-farm.py") }

    /// Starts the farm and waits (up to `readyTimeout` seconds) for it to listen on every address.
    init(hosts: Int, maxSeconds: Double = 120, readyTimeout: Double = 10) throws {
        precondition((1...250).contains(hosts), "a farm has 1...250 hosts")
        hostCount = hosts
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pageaudit-farm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        logURL = folder.appendingPathComponent("requests.jsonl")
        let errorURL = folder.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.scriptURL.path, "--hosts", String(hosts), "--log", logURL.path,
                             "--max-seconds", String(maxSeconds)]
        process.currentDirectoryURL = Self.repositoryRoot
        let stdinPipe = Pipe(), stdoutPipe = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = try FileHandle(forWritingTo: errorURL)
        try process.run()
        self.process = process
        self.stdinPipe = stdinPipe

        // Read the READY line on a thread of its own, so the wait can time out. The thread ends at
        // the first line or at end of file (the farm exited or was stopped below).
        let reader = ReadyLineReader()
        let handle = stdoutPipe.fileHandleForReading
        Thread.detachNewThread { reader.read(from: handle) }
        let line = reader.waitForLine(timeout: readyTimeout)

        let words = line?.split(separator: " ") ?? []
        guard words.count == 2, words[0] == "READY", let port = Int(words[1]), port > 0 else {
            Self.end(process, stdin: stdinPipe)
            let stderr = (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(at: folder)
            throw TestFarmError(description: line == nil
                ? "test farm did not print READY within \(readyTimeout) s. stderr: \(stderr)"
                : "test farm printed \(line!.debugDescription) instead of READY <port>. stderr: \(stderr)")
        }
        self.port = port
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// "127.0.0.2" for host 0.
    func address(host index: Int) -> String {
        precondition((0..<hostCount).contains(index), "host \(index) is not in this farm of \(hostCount)")
        return "127.0.0.\(index + 2)"
    }

    /// "http://127.0.0.\(index+2):port/path"; `path` may start with "/" or not.
    func url(host index: Int, _ path: String) -> String {
        "http://\(address(host: index)):\(port)" + (path.hasPrefix("/") ? path : "/" + path)
    }

    /// Every request answered so far, in the order their answers finished. Requests still being
    /// answered (a slow page, an endless body) are not there yet.
    func requests() throws -> [LoggedRequest] {
        let data = try Data(contentsOf: logURL)
        let decoder = JSONDecoder()
        var result: [LoggedRequest] = []
        // Only whole lines: the farm may be writing the next one right now.
        var lineStart = data.startIndex
        for index in data.indices where data[index] == UInt8(ascii: "\n") {
            let line = data[lineStart..<index]
            lineStart = data.index(after: index)
            if line.isEmpty { continue }
            result.append(try decoder.decode(LoggedRequest.self, from: line))
        }
        return result
    }

    /// Requests to one host, in order of start.
    func requests(host index: Int) throws -> [LoggedRequest] {
        let address = address(host: index)
        return try requests().filter { $0.host == address }.sorted { $0.start < $1.start }
    }

    /// Waits (polling, up to `timeout` seconds) until the log holds at least `count` requests, for
    /// answers that finish after the client saw them (an aborted slow or endless answer).
    func waitForRequests(count: Int, timeout: Double = 5) throws -> [LoggedRequest] {
        let deadline = Date().addingTimeInterval(timeout)
        var all = try requests()
        while all.count < count, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
            all = try requests()
        }
        return all
    }

    /// Ends the farm: closes its stdin (it exits at once), and terminates it if it has not exited
    /// within 2 s. The log stays readable until this object is gone. Safe to call more than once.
    func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        Self.end(process, stdin: stdinPipe)
    }

    private static func end(_ process: Process, stdin: Pipe) {
        try? stdin.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning {
            process.terminate()
            let hardDeadline = Date().addingTimeInterval(2)
            while process.isRunning, Date() < hardDeadline { Thread.sleep(forTimeInterval: 0.01) }
        }
    }

    /// True if two requests to the same host were being answered at the same time (one started
    /// before another had finished), which a polite crawler never does. `tolerance` (seconds)
    /// forgives overlaps that short: when a client aborts an answer (timeout, size cap), the farm
    /// notices within a few milliseconds, so tests that abort should pass about 0.05.
    static func overlaps(_ requests: [LoggedRequest], tolerance: Double = 0) -> Bool {
        for (_, group) in Dictionary(grouping: requests, by: \.host) {
            var latestEnd = -Double.infinity
            for request in group.sorted(by: { $0.start < $1.start }) {
                if request.start < latestEnd - tolerance { return true }
                latestEnd = max(latestEnd, request.end)
            }
        }
        return false
    }
}

/// Collects the farm's first stdout line for `TestFarm.init`.
private final class ReadyLineReader: @unchecked Sendable {
    private let condition = NSCondition()
    private var line: String?
    private var finished = false

    func read(from handle: FileHandle) {
        var buffer = Data()
        // Bounded: each pass reads at least one byte, or ends at end of file.
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            if buffer.contains(UInt8(ascii: "\n")) || buffer.count > 4096 { break }
        }
        let first = buffer.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).first ?? Data()
        condition.lock()
        line = buffer.isEmpty ? nil : String(decoding: first, as: UTF8.self)
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    func waitForLine(timeout: Double) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while !finished {
            if !condition.wait(until: deadline) { break }
        }
        return line
    }
}
