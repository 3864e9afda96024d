import Foundation

/// Why a page could not be read. Kept apart from findings: a failure to read makes a rule
/// `unverifiable`, never `fail`, and tells the officer what to do about it.
public struct CaptureFailure: Error, Sendable, Codable, Equatable {
    public enum Reason: String, Sendable, Codable {
        /// The snapshot set holds no capture of this address.
        case notCaptured
        /// The capture recorded a network error (timeout, DNS, TLS, reset).
        case network
        /// The server answered with an error status.
        case httpStatus
        /// The server refused us (401, 403, 429, captcha): it may serve people normally.
        case blocked
        /// The response is not an HTML page.
        case notHTML
        /// The captured file is missing or unreadable.
        case unreadableFile
        /// The platform showed a login wall or a captcha instead of the page.
        case loginWall
        /// The platform's API answered with an error that says nothing about the page (token, rate limit).
        case apiError
        /// The bytes are not a page this reader understands (a changed layout, a wrong file).
        case unrecognisedPage
        /// No public format of this platform's pages is known, so nothing is read from it.
        case unsupportedPlatform
        /// robots.txt forbids us the page: we do not read it.
        case robotsDisallowed
        /// More than 10 redirects, or a redirect back to an address already visited.
        case redirectLoop
        /// The TLS handshake failed (often a certificate from a CA the system does not trust).
        case tls
        /// The response was larger than the size cap.
        case tooLarge
    }

    public var reason: Reason
    public var address: String
    public var status: Int?
    public var capturedAt: Date?
    public var detail: String?

    public init(reason: Reason, address: String, status: Int? = nil, capturedAt: Date? = nil, detail: String? = nil) {
        self.reason = reason
        self.address = address
        self.status = status
        self.capturedAt = capturedAt
        self.detail = detail
    }

    /// Whether the failure shows the page does not exist (404, 410), as opposed to us not seeing it.
    public var showsPageIsGone: Bool { reason == .httpStatus && (status == 404 || status == 410) }

    public var message: LocalizedText {
        let detail = self.detail.map { ": \($0)" } ?? ""
        switch reason {
        case .notCaptured:
            return LocalizedText(ru: "страница \(address) не снята (нет в наборе снимков)", en: "\(address) was not captured (not in the snapshot set)")
        case .network:
            return LocalizedText(ru: "не удалось загрузить \(address)\(detail)", en: "could not fetch \(address)\(detail)")
        case .httpStatus:
            return LocalizedText(ru: "\(address) ответил кодом HTTP \(status ?? 0)", en: "\(address) answered HTTP \(status ?? 0)")
        case .blocked:
            return LocalizedText(ru: "\(address) отказал в доступе (HTTP \(status ?? 0))\(detail)", en: "\(address) refused access (HTTP \(status ?? 0))\(detail)")
        case .notHTML:
            return LocalizedText(ru: "\(address) вернул не HTML-страницу\(detail)", en: "\(address) did not return an HTML page\(detail)")
        case .unreadableFile:
            return LocalizedText(ru: "файл снимка \(address) не читается\(detail)", en: "the snapshot file of \(address) cannot be read\(detail)")
        case .loginWall:
            return LocalizedText(ru: "вместо страницы \(address) показан вход или капча\(detail)", en: "\(address) showed a login wall or captcha instead of the page\(detail)")
        case .apiError:
            return LocalizedText(ru: "API не выдал данные страницы \(address)\(detail)", en: "the API gave no data for \(address)\(detail)")
        case .unrecognisedPage:
            return LocalizedText(ru: "разметка \(address) не распознана\(detail)", en: "the markup of \(address) was not recognised\(detail)")
        case .robotsDisallowed:
            return LocalizedText(ru: "robots.txt сайта запрещает загрузку \(address)", en: "the site's robots.txt disallows \(address)")
        case .redirectLoop:
            return LocalizedText(ru: "\(address): бесконечная или слишком длинная цепочка перенаправлений\(detail)", en: "\(address): a redirect loop or too many redirects\(detail)")
        case .tls:
            return LocalizedText(ru: "\(address): ошибка TLS\(detail)", en: "\(address): TLS failed\(detail)")
        case .tooLarge:
            return LocalizedText(ru: "\(address): ответ больше допустимого размера\(detail)", en: "\(address): the response exceeds the size limit\(detail)")
        case .unsupportedPlatform:
            return LocalizedText(ru: "страницы \(address) пока не читаются: открытый формат страниц этой площадки неизвестен", en: "\(address) is not read: no public page format of this platform is known")
        }
    }

    public var hint: LocalizedText {
        switch reason {
        case .notCaptured:
            return LocalizedText(ru: "Снимите страницу и добавьте её в manifest.tsv набора.", en: "Capture the page and add it to the set's manifest.tsv.")
        case .network:
            return LocalizedText(ru: "Проверьте адрес и доступность сайта и повторите съёмку.", en: "Check the address and that the site is up, then capture again.")
        case .httpStatus:
            return LocalizedText(ru: "Проверьте адрес в реестре; если он верен, сайт должен отвечать кодом 200.", en: "Check the address in the registry; if it is right, the site should answer 200.")
        case .blocked:
            return LocalizedText(ru: "Сайт блокирует автоматический доступ: снимите страницу из браузера (pageaudit snapshot import) или попросите владельца разрешить доступ.", en: "The site blocks automated access: save the page from a browser or ask the owner to allow access.")
        case .notHTML:
            return LocalizedText(ru: "Укажите адрес HTML-страницы сайта.", en: "Give the address of an HTML page.")
        case .unreadableFile where detail?.contains("WARC") == true:
            return LocalizedText(ru: "Архив повреждён или изменён: проверьте его (python3 scripts/verify-warc.py ФАЙЛ) и используйте исходную копию.", en: "The archive is damaged or altered: check it (python3 scripts/verify-warc.py FILE) and use the original copy.")
        case .unreadableFile:
            return LocalizedText(ru: "Проверьте путь в столбце file файла manifest.tsv.", en: "Check the path in the file column of manifest.tsv.")
        case .loginWall:
            return LocalizedText(ru: "Снимите страницу через VK API (токен в переменной окружения) или сохраните её из браузера.", en: "Capture the page through the VK API (token in an environment variable) or save it from a browser.")
        case .apiError:
            return LocalizedText(ru: "Проверьте токен и лимиты запросов и повторите съёмку.", en: "Check the token and the rate limits, then capture again.")
        case .unsupportedPlatform:
            return LocalizedText(ru: "Проверьте страницу вручную.", en: "Check the page by hand.")
        case .robotsDisallowed:
            return LocalizedText(ru: "Попросите владельца сайта разрешить доступ pageaudit в robots.txt или сохраните страницу из браузера (pageaudit snapshot import).", en: "Ask the site owner to allow pageaudit in robots.txt, or save the page from a browser (pageaudit snapshot import).")
        case .redirectLoop:
            return LocalizedText(ru: "Проверьте настройки перенаправлений сайта.", en: "Check the site's redirect settings.")
        case .tls:
            return LocalizedText(ru: "Многие госсайты используют сертификаты Russian Trusted Root CA: передайте их в --ca-file.", en: "Many Russian government sites use the Russian Trusted Root CA: pass its certificates with --ca-file.")
        case .tooLarge:
            return LocalizedText(ru: "Увеличьте предел размера или сохраните страницу из браузера.", en: "Raise the size limit or save the page from a browser.")
        case .unrecognisedPage:
            return LocalizedText(ru: "Проверьте, что снимок — страница сообщества; если площадка изменила разметку, сообщите разработчикам pageaudit.", en: "Check that the capture is a community page; if the platform changed its markup, report it to the pageaudit developers.")
        }
    }

    enum CodingKeys: String, CodingKey { case reason, address, status, capturedAt, detail, message, hint }

    /// The JSON report carries the message and hint too, so consumers need not re-derive them.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(reason, forKey: .reason)
        try container.encode(address, forKey: .address)
        try container.encodeIfPresent(status, forKey: .status)
        try container.encodeIfPresent(capturedAt, forKey: .capturedAt)
        try container.encodeIfPresent(detail, forKey: .detail)
        try container.encode(message, forKey: .message)
        try container.encode(hint, forKey: .hint)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(reason: try container.decode(Reason.self, forKey: .reason), address: try container.decode(String.self, forKey: .address),
                  status: try container.decodeIfPresent(Int.self, forKey: .status),
                  capturedAt: try container.decodeIfPresent(Date.self, forKey: .capturedAt),
                  detail: try container.decodeIfPresent(String.self, forKey: .detail))
    }

    /// Classifies a non-success response: a refusal is not evidence that the page is missing.
    public static func from(_ response: CapturedResponse) -> CaptureFailure? {
        let address = response.address.displayString
        if [401, 403, 407, 429, 451].contains(response.status) {
            return CaptureFailure(reason: .blocked, address: address, status: response.status, capturedAt: response.capturedAt)
        }
        if !response.isSuccess {
            return CaptureFailure(reason: .httpStatus, address: address, status: response.status, capturedAt: response.capturedAt)
        }
        if !response.looksLikeHTML {
            return CaptureFailure(reason: .notHTML, address: address, status: response.status, capturedAt: response.capturedAt, detail: response.contentType)
        }
        return nil
    }
}
