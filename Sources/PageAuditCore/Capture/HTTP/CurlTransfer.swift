import CCurl
import Foundation

/// One libcurl easy handle and everything it collects. Lives from submission until its
/// continuation is resumed; libcurl's callbacks reach it through an unmanaged pointer.
final class CurlTransfer: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    let request: HTTPRequest
    let limits: HTTPLimits
    let startedAt = Date()
    var headerLines: [String] = []
    var body = Data()
    var requestHead = Data()
    var tooLarge = false
    var vetoed: String?
    var continuation: CheckedContinuation<Result<RawHTTPResponse, HTTPFailure>, Never>?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var caBlob: curl_blob?
    private let caData: Data?

    init?(request: HTTPRequest, limits: HTTPLimits, certificates: Data?) {
        guard let handle = curl_easy_init() else { return nil }
        self.handle = handle
        self.request = request
        self.limits = limits
        self.caData = certificates
    }

    deinit {
        curl_slist_free_all(headerList)
        curl_easy_cleanup(handle)
    }

    /// Sets every option; returns false if libcurl refused one.
    func configure() -> Bool {
        let me = Unmanaged.passUnretained(self).toOpaque()
        var ok = true
        func check(_ code: CURLcode) { if code != CURLE_OK { ok = false } }
        check(pageaudit_curl_set_string(handle, CURLOPT_URL, request.address.description))
        check(pageaudit_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"))
        check(pageaudit_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 0))  // redirects are followed, and recorded, by the caller
        check(pageaudit_curl_set_string(handle, CURLOPT_PROXY, ""))        // never an environment proxy
        check(pageaudit_curl_set_long(handle, CURLOPT_NOSIGNAL, 1))
        check(pageaudit_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(limits.connectTimeout * 1000)))
        check(pageaudit_curl_set_long(handle, CURLOPT_TIMEOUT_MS, Int(limits.requestTimeout * 1000)))
        check(pageaudit_curl_set_long(handle, CURLOPT_HTTP_CONTENT_DECODING, 0))   // keep the body as received
        check(pageaudit_curl_set_long(handle, CURLOPT_HTTP_TRANSFER_DECODING, 0))
        check(pageaudit_curl_set_string(handle, CURLOPT_USERAGENT, limits.userAgent))
        check(pageaudit_curl_set_offt(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(limits.maxBodyBytes)))
        var headers = request.headers
        if !headers.contains(where: { $0.0.lowercased() == "accept-encoding" }) { headers.append(("Accept-Encoding", "gzip, deflate")) }
        if !headers.contains(where: { $0.0.lowercased() == "accept" }) { headers.append(("Accept", "text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8")) }
        for (name, value) in headers { headerList = curl_slist_append(headerList, "\(name): \(value)") }
        check(pageaudit_curl_set_slist(handle, CURLOPT_HTTPHEADER, headerList))
        if let caData {
            caBlob = caData.withUnsafeBytes { curl_blob(data: UnsafeMutableRawPointer(mutating: $0.baseAddress), len: $0.count, flags: UInt32(CURL_BLOB_COPY)) }
            check(pageaudit_curl_set_blob(handle, CURLOPT_CAINFO_BLOB, &caBlob!))
        }
        check(pageaudit_curl_set_pointer(handle, CURLOPT_PRIVATE, me))
        check(pageaudit_curl_set_pointer(handle, CURLOPT_WRITEDATA, me))
        check(pageaudit_curl_set_data_callback(handle, CURLOPT_WRITEFUNCTION, { data, size, count, context in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
            let length = size * count
            // MAXFILESIZE does not stop a chunked body on libcurl 7.88: the cap is enforced here.
            if transfer.body.count + length > transfer.limits.maxBodyBytes { transfer.tooLarge = true; return 0 }
            if let data { transfer.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: length) }
            return length
        }))
        check(pageaudit_curl_set_pointer(handle, CURLOPT_HEADERDATA, me))
        check(pageaudit_curl_set_data_callback(handle, CURLOPT_HEADERFUNCTION, { data, size, count, context in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue()
            let length = size * count
            guard let data else { return length }
            let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
                .trimmingCharacters(in: CharacterSet(charactersIn: "\r\n"))
            // A new status line (after "100 Continue") starts the header block again.
            if line.hasPrefix("HTTP/") { transfer.headerLines = [] }
            if !line.isEmpty { transfer.headerLines.append(line) }
            return length
        }))
        check(pageaudit_curl_set_long(handle, CURLOPT_VERBOSE, 1))  // the debug callback below only runs in verbose mode
        check(pageaudit_curl_set_pointer(handle, CURLOPT_DEBUGDATA, me))
        check(pageaudit_curl_set_debug(handle, { _, type, data, size, context in
            guard type == CURLINFO_HEADER_OUT, let data, let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            transfer.requestHead.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: size)
            return 0
        }))
        check(pageaudit_curl_set_pointer(handle, CURLOPT_OPENSOCKETDATA, me))
        check(pageaudit_curl_set_opensocket(handle, { context, _, address in
            guard let context, let address else { return CURL_SOCKET_BAD }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            var bytes = [UInt8](repeating: 0, count: 16)
            let family = pageaudit_sockaddr_bytes(address, &bytes)
            let ip = Array(bytes.prefix(family == 4 ? 4 : 16))
            if family == 0 || (!transfer.limits.allowPrivateAddresses && AddressVeto.isPrivate(ip)) {
                transfer.vetoed = family == 0 ? "unknown address family" : AddressVeto.text(ip)
                return CURL_SOCKET_BAD
            }
            return socket(address.pointee.family, address.pointee.socktype, address.pointee.protocol)
        }))
        return ok
    }

    /// The outcome once libcurl reports the transfer done.
    func result(code: CURLcode) -> Result<RawHTTPResponse, HTTPFailure> {
        if let vetoed { return .failure(.vetoedAddress(vetoed)) }
        if tooLarge || code == CURLE_FILESIZE_EXCEEDED { return .failure(.tooLarge(limit: limits.maxBodyBytes)) }
        let message = String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_OK: break
        case CURLE_OPERATION_TIMEDOUT: return .failure(.timeout(after: limits.requestTimeout))
        case CURLE_COULDNT_RESOLVE_HOST: return .failure(.dns(message))
        case CURLE_COULDNT_CONNECT: return .failure(.connect(message))
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE:
            return .failure(.tls(message))
        default: return .failure(.other(message))
        }
        var status = 0, ip: UnsafeMutablePointer<CChar>?
        var connect: curl_off_t = 0, firstByte: curl_off_t = 0, total: curl_off_t = 0
        _ = pageaudit_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
        _ = pageaudit_curl_get_string(handle, CURLINFO_PRIMARY_IP, &ip)
        _ = pageaudit_curl_get_offt(handle, CURLINFO_CONNECT_TIME_T, &connect)
        _ = pageaudit_curl_get_offt(handle, CURLINFO_STARTTRANSFER_TIME_T, &firstByte)
        _ = pageaudit_curl_get_offt(handle, CURLINFO_TOTAL_TIME_T, &total)
        return .success(RawHTTPResponse(
            status: status, headerLines: headerLines, body: body, requestHead: requestHead,
            peerIP: ip.map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }, startedAt: startedAt,
            connectSeconds: Double(connect) / 1e6, firstByteSeconds: Double(firstByte) / 1e6, totalSeconds: Double(total) / 1e6))
    }
}
