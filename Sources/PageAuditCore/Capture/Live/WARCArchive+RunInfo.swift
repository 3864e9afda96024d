import Foundation

extension WARCArchive {
    /// The as-of instant the live run that wrote this archive evaluated at (its warcinfo record's
    /// `pageaudit-as-of`), so replaying the archive evaluates at the same instant and gives the
    /// same findings.
    public var recordedAsOf: Date? {
        guard let data = try? Data(contentsOf: file, options: .mappedIfSafe) else { return nil }
        let scan = WARCReader.scan(data, path: file.path)
        guard let info = scan.records.first(where: { $0.header.value("WARC-Type") == "warcinfo" }),
              case .success(let block) = WARCReader.block(of: info, in: data, compressed: scan.compressed) else { return nil }
        let prefix = "pageaudit-as-of:"
        let line = String(decoding: block, as: UTF8.self).components(separatedBy: "\r\n").first { $0.hasPrefix(prefix) }
        return line.flatMap { RFC3339.date(from: String($0.dropFirst(prefix.count))) }
    }
}
