import CCurl
import Foundation

/// An HTTP client on libcurl's multi interface: one thread drives every transfer, callers await
/// results. libcurl gives what evidence needs and URLSession on Linux does not: the raw response,
/// the peer address, exact timings, a connect-time address veto, byte caps and extra trust anchors.
public final class CurlClient: @unchecked Sendable {
    public let limits: HTTPLimits
    private let multi: UnsafeMutableRawPointer
    private let lock = NSLock()
    private var queued: [CurlTransfer] = []
    private var running: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    /// Whether a thread is driving transfers now. It runs only while there is work and holds the
    /// client meanwhile, so neither can outlive the other.
    private var driving = false
    private let certificates: Data?

    public init(limits: HTTPLimits = HTTPLimits()) {
        Self.globalInit
        self.limits = limits
        self.multi = curl_multi_init()!
        // Trust anchors are the system's plus the user's: CAINFO alone would replace the system store.
        if let extra = limits.extraCertificates {
            let system = (try? Data(contentsOf: URL(fileURLWithPath: "/etc/ssl/certs/ca-certificates.crt"))) ?? Data()
            certificates = system + Data("\n".utf8) + extra
        } else {
            certificates = nil
        }
        _ = pageaudit_curl_multi_set_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, 256)
    }

    deinit {
        curl_multi_cleanup(multi)
    }

    public func perform(_ request: HTTPRequest) async -> Result<RawHTTPResponse, HTTPFailure> {
        guard let transfer = CurlTransfer(request: request, limits: limits, certificates: certificates), transfer.configure() else {
            return .failure(.other("libcurl refused the request options"))
        }
        return await withCheckedContinuation { continuation in
            transfer.continuation = continuation
            let start = lock.withLock { () -> Bool in
                queued.append(transfer)
                defer { driving = true }
                return !driving
            }
            if start {
                let thread = Thread { self.drive() }
                thread.name = "pageaudit-curl"
                thread.start()
            } else {
                curl_multi_wakeup(multi)
            }
        }
    }

    private func drive() {
        while true {
            let incoming = lock.withLock { () -> [CurlTransfer] in
                defer { queued.removeAll() }
                return queued
            }
            for transfer in incoming {
                running[transfer.handle] = transfer
                curl_multi_add_handle(multi, transfer.handle)
            }
            var stillRunning: Int32 = 0
            curl_multi_perform(multi, &stillRunning)
            var remaining: Int32 = 0
            while let message = curl_multi_info_read(multi, &remaining) {
                guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle,
                      let transfer = running.removeValue(forKey: handle) else { continue }
                let code = message.pointee.data.result
                curl_multi_remove_handle(multi, handle)
                transfer.continuation?.resume(returning: transfer.result(code: code))
                transfer.continuation = nil
            }
            let idle = lock.withLock { () -> Bool in
                guard running.isEmpty && queued.isEmpty else { return false }
                driving = false
                return true
            }
            if idle { return }
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
    }

    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()
}
