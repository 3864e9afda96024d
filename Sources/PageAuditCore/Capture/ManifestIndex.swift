import Foundation

/// `manifest.tsv` read once and checked whole, then kept as an index only: where each row starts in
/// the file, and, per lookup key, which row (by a 64-bit hash of the key). A row is read back from
/// the file and parsed again when asked for, and its key compared, so a hash collision can never
/// return the wrong capture. A 100,000-agency set has some 240,000 rows: held as entries they took
/// most of a gigabyte; as this index, about 20 MB.
final class ManifestIndex: Sendable {
    private struct Row { var offset: Int; var length: Int32; var line: Int32 }

    /// Keys of one kind (exact address, loose address, VK API answer) → first row with that key.
    struct Keys {
        fileprivate var byHash: [UInt64: Int32] = [:]
        /// Keys whose hash another key took first (vanishingly rare, kept exact).
        fileprivate var collided: [String: Int32] = [:]
    }

    private let path: String
    private let descriptor: Int32
    private let columns: SnapshotManifest.Columns
    private let rows: [Row]
    let exact: Keys, loose: Keys, apiAnswers: Keys
    let latestCaptureTime: Date?

    private let hash: @Sendable (String) -> UInt64

    /// `hash` is replaceable so that tests can make every key collide.
    init(path: String, hash: @escaping @Sendable (String) -> UInt64 = Shard.fnv1a64) throws(SnapshotError) {
        self.hash = hash
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .manifestUnreadable(path: path, detail: String(cString: strerror(errno))) }
        self.path = path
        self.descriptor = descriptor
        var scanner = LineScanner(descriptor: descriptor)
        var columns: SnapshotManifest.Columns?
        var rows: [Row] = [], number = 0, latest: Date?
        var exact = Keys(), loose = Keys(), apiAnswers = Keys()
        // Rows are checked against each other while the index is built, so it reads rows back through a partial index.
        func keyOf(_ keys: @escaping (ManifestEntry) -> [String]) -> (Int32) -> [String] {
            { row in (try? Self.entry(rows[Int(row)], descriptor: descriptor, columns: columns!)).map(keys) ?? [] }
        }
        while let line = scanner.next() {
            number += 1
            var bytes = line.bytes
            if bytes.last == 0x0D { bytes.removeLast() }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                close(descriptor)
                throw .manifestUnreadable(path: path, detail: "line \(number) is not UTF-8")
            }
            let row = Substring(text)
            guard !SnapshotManifest.isSkipped(row) else { continue }
            do throws(SnapshotError) {
                guard let known = columns else { columns = try SnapshotManifest.columns(header: row, number: number, file: path); continue }
                let entry = try SnapshotManifest.entry(row, number: number, columns: known)
                let index = Int32(rows.count)
                rows.append(Row(offset: line.offset, length: Int32(bytes.count), line: Int32(number)))
                if let first = exact.insert(entry.address.description, hash: hash, row: index, keysOf: keyOf { [$0.address.description] }) {
                    throw SnapshotError.duplicateAddress(entry.address.displayString, at: entry.location,
                                                         first: SourceLocation(file: path, line: Int(rows[Int(first)].line)))
                }
                // The first capture wins a loose match (http vs https, with or without www.).
                _ = loose.insert(entry.address.looseKey, hash: hash, row: index, keysOf: keyOf { [$0.address.looseKey] })
                for key in VKAPIAnswerKey.keys(of: entry.address) {
                    _ = apiAnswers.insert(key, hash: hash, row: index, keysOf: keyOf { VKAPIAnswerKey.keys(of: $0.address) })
                }
                latest = max(latest ?? entry.capturedAt, entry.capturedAt)
            } catch {
                close(descriptor)
                throw error
            }
        }
        guard let columns else {
            close(descriptor)
            throw .missingColumn(name: "url", at: SourceLocation(file: path, line: 1))
        }
        self.columns = columns
        self.rows = rows
        self.exact = exact
        self.loose = loose
        self.apiAnswers = apiAnswers
        latestCaptureTime = latest
    }

    deinit { close(descriptor) }

    var count: Int { rows.count }

    /// The entry with `key` among `keys`, where `keysOf` gives an entry's keys of that kind.
    func entry(for key: String, in keys: Keys, keysOf: (ManifestEntry) -> [String]) -> ManifestEntry? {
        guard let row = keys.collided[key] ?? keys.byHash[hash(key)],
              let entry = try? Self.entry(rows[Int(row)], descriptor: descriptor, columns: columns), keysOf(entry).contains(key) else { return nil }
        return entry
    }

    private static func entry(_ row: Row, descriptor: Int32, columns: SnapshotManifest.Columns) throws -> ManifestEntry {
        var buffer = [UInt8](repeating: 0, count: Int(row.length))
        let got = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, Int(row.length), off_t(row.offset)) }
        guard got == Int(row.length) else { throw SnapshotError.manifestUnreadable(path: columns.file, detail: "changed while being read") }
        return try SnapshotManifest.entry(Substring(String(decoding: buffer, as: UTF8.self)), number: Int(row.line), columns: columns)
    }
}

extension ManifestIndex.Keys {
    /// Adds `key` for `row` unless present; returns the row that already had it.
    fileprivate mutating func insert(_ key: String, hash: (String) -> UInt64, row: Int32, keysOf: (Int32) -> [String]) -> Int32? {
        if let existing = collided[key] { return existing }
        let hash = hash(key)
        guard let existing = byHash[hash] else {
            byHash[hash] = row
            return nil
        }
        if keysOf(existing).contains(key) { return existing }
        collided[key] = row
        return nil
    }
}
