/// Replays a live run's archive: responses as recorded, and failures with the reason the live run
/// gave them (the recorder writes `reason: detail`), so the offline findings equal the live ones.
public struct ArchiveReplay: CaptureSource {
    public let archive: WARCArchive

    public init(_ archive: WARCArchive) {
        self.archive = archive
    }

    public func capture(_ address: WebAddress) async -> Result<CapturedResponse, CaptureFailure> {
        let result = await archive.capture(address)
        guard case .failure(var failure) = result, failure.reason == .network, let detail = failure.detail,
              let colon = detail.firstIndex(of: ":"), let reason = CaptureFailure.Reason(rawValue: String(detail[..<colon])) else { return result }
        failure.reason = reason
        let rest = detail[detail.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        failure.detail = rest.isEmpty ? nil : rest
        return .failure(failure)
    }
}
