import Foundation

/// One value of a stored VK API answer, read leniently. Across API versions the same field has
/// been a number, a digit string or a boolean, so each accessor converts where the meaning is plain
/// and gives nil otherwise: a wrong type or an impossible number is an unknown, never a crash.
struct VKAPIValue: Sendable {
    let node: JSONNode

    subscript(key: String) -> VKAPIValue? {
        guard case .object(let members) = node.value else { return nil }
        return members.first { $0.key == key }.map { VKAPIValue(node: $0.value) }
    }

    var isObject: Bool { if case .object = node.value { true } else { false } }

    var elements: [VKAPIValue]? {
        guard case .array(let nodes) = node.value else { return nil }
        return nodes.map(VKAPIValue.init)
    }

    var string: String? { if case .string(let text) = node.value { text } else { nil } }

    /// A JSON integer, or a string of digits (old answers give `"start_date": "1342850400"`).
    /// Fractions, exponents and numbers beyond `Int` are nil: the parser keeps numbers as text,
    /// so `1e400` or twenty nines never become an infinite or wrapped value.
    var int: Int? {
        switch node.value {
        case .number(let text), .string(let text): text.count <= 20 ? Int(text) : nil
        default: nil
        }
    }

    /// VK's `base_bool_int` (`0`/`1`) or a JSON boolean (newer fields such as `is_government_organization`).
    var flag: Bool? {
        switch node.value {
        case .bool(let value): value
        case .number(let text): text == "1" ? true : text == "0" ? false : nil
        default: nil
        }
    }

    /// A non-empty array: `copy_history: []` is not a repost.
    var isNonEmptyArray: Bool { (elements?.isEmpty == false) }
}

/// An error the VK API answered instead of data (`{"error": {"error_code": 5, "error_msg": "…"}}`),
/// and what it says about the page. See the table on ``VKAPIReader``.
struct VKAPIError: Sendable, Equatable {
    enum Meaning: Sendable, Equatable {
        /// The address names no community (invalid or unknown group id or screen name).
        case noSuchPage
        case deleted
        case banned
        /// Access denied to this community: it exists but the public cannot read it.
        case closed
        /// `wall.get`: "Access denied: wall is disabled".
        case wallDisabled
        /// Token, rate limit, captcha, server trouble: nothing about the page.
        case serviceFailure
    }

    var code: Int?
    var message: String

    var detail: String { "VK API error \(code.map(String.init) ?? "?"): \(message)" }

    var meaning: Meaning {
        let text = message.lowercased()
        if text.contains("wall is disabled") || text.contains("wall disabled") { return .wallDisabled }
        switch code {
        case 18:
            // "User was deleted or banned": banned only when the message says nothing else.
            return text.contains("banned") && !text.contains("deleted") ? .banned : .deleted
        case 113, 125:
            return .noSuchPage
        case 100:
            // 100 is any bad parameter; only an invalid group id names the page.
            let aboutGroup = ["group_id", "group id", "group_ids", "screen_name"].contains { text.contains($0) }
            return aboutGroup ? .noSuchPage : .serviceFailure
        case 15:
            // "no access to call this method" and scope errors are about the token.
            let aboutToken = ["method", "scope", "token", "application"].contains { text.contains($0) }
            return aboutToken ? .serviceFailure : .closed
        case 30, 203:
            return .closed
        default:
            return .serviceFailure
        }
    }
}

/// A stored VK API answer: data, or an error. Parsed with the project's strict JSON parser,
/// which has a depth limit and keeps numbers as text, so hostile files cannot exhaust the stack
/// or overflow an integer.
enum VKAPIAnswer: Sendable {
    case response(VKAPIValue)
    case error(VKAPIError)

    /// Answers above this size are not API answers (wall.get with 100 posts is well under 2 MB).
    static let maximumSize = 32 << 20

    /// The answer, or a detail saying why the bytes are not one.
    static func parse(_ data: Data) -> Result<VKAPIAnswer, VKAPIMalformedAnswer> {
        guard data.count <= maximumSize else {
            return .failure(VKAPIMalformedAnswer(detail: "the answer is \(data.count) bytes, larger than any VK API answer"))
        }
        let root: JSONNode
        do {
            root = try JSONParser.parse(String(decoding: data, as: UTF8.self))
        } catch {
            return .failure(VKAPIMalformedAnswer(detail: "not JSON (line \(error.line), column \(error.column): \(error.message))"))
        }
        let value = VKAPIValue(node: root)
        if let response = value["response"] { return .success(.response(response)) }
        if let error = value["error"], error.isObject {
            let message = error["error_msg"]?.string ?? error["error_text"]?.string ?? "no message"
            return .success(.error(VKAPIError(code: error["error_code"]?.int, message: String(message.prefix(300)))))
        }
        return .failure(VKAPIMalformedAnswer(detail: "neither \"response\" nor \"error\" at the top level"))
    }

    /// The group objects of a `groups.getById` answer: `{"response": [...]}` before API 5.139,
    /// `{"response": {"groups": [...], "profiles": [...]}}` since.
    static func groups(in response: VKAPIValue) -> [VKAPIValue]? {
        (response.elements ?? response["groups"]?.elements)?.filter(\.isObject)
    }

    /// The posts of a `wall.get` answer: `{"response": {"count": N, "items": [...]}}` (API 5),
    /// or the old `{"response": [N, {...}, ...]}`, whose leading count is skipped.
    static func wallItems(in response: VKAPIValue) -> [VKAPIValue]? {
        (response["items"]?.elements ?? response.elements)?.filter(\.isObject)
    }
}

struct VKAPIMalformedAnswer: Error, Sendable {
    var detail: String
}

/// The descriptive fields of a `groups.getById` group object (`fields=description,site,contacts,
/// addresses,wall,cover,has_photo,members_count,links,is_government_organization`). A field the
/// answer lacks stays nil: the capture may simply not have asked for it.
enum VKAPIGroupFields {
    static func fill(_ facts: inout PageFacts, from group: VKAPIValue) {
        facts.name = group["name"]?.string
        let description = group["description"]?.string.map(cleanedDescription)
        facts.description = description
        facts.governmentMark = group["is_government_organization"]?.flag

        let contacts = group["contacts"]?.elements?.filter(\.isObject)
        let mainAddress = self.mainAddress(group)
        var emails: [String] = [], phones: [String] = []
        for contact in contacts ?? [] {
            if let email = contact["email"]?.string { emails += EmailExtractor.emails(inText: email).map(\.address) }
            if let phone = contact["phone"]?.string { phones += phoneNumbers(in: phone) }
            if let desc = contact["desc"]?.string {
                emails += EmailExtractor.emails(inText: desc).map(\.address)
                phones += PhoneExtractor.phones(inText: desc).map { $0.normalized ?? $0.raw }
            }
        }
        if let phone = mainAddress?["phone"]?.string { phones += phoneNumbers(in: phone) }
        if let description {
            emails += EmailExtractor.emails(inText: description).map(\.address)
            phones += PhoneExtractor.phones(inText: description).map { $0.normalized ?? $0.raw }
        }
        // With a `contacts` list the answer shows every contact, so none is a "no"; without one,
        // only what the description happens to show is known.
        facts.emails = unique(emails).nilIfEmpty(unless: contacts != nil)
        facts.phones = unique(phones).nilIfEmpty(unless: contacts != nil)

        facts.postalAddress = mainAddress.flatMap(addressText)
        facts.addressOnMap = addressOnMap(group, mainAddress: mainAddress)

        let site = group["site"]?.string
        var websites = site.map { links(in: $0, bareDomains: true) } ?? []
        for link in group["links"]?.elements ?? [] {
            if let url = link["url"]?.string { websites += links(in: url) }
        }
        if let description { websites += links(in: description) }
        facts.websites = unique(websites).nilIfEmpty(unless: site != nil)

        switch group["wall"]?.int {
        case 0, 3: facts.commentsOpen = false
        case 1, 2: facts.commentsOpen = true
        default: facts.commentsOpen = nil
        }
        facts.hasAvatar = group["has_photo"]?.flag ?? hasAvatar(photo: (group["photo_200"] ?? group["photo_100"] ?? group["photo_50"])?.string)
        facts.hasCover = group["cover"]?["enabled"]?.flag
        facts.subscribers = group["members_count"]?.int.flatMap { $0 >= 0 ? $0 : nil }
        facts.posWidgets = nil
    }

    /// Old answers write line breaks as `<br>`.
    static func cleanedDescription(_ text: String) -> String {
        text.replacingOccurrences(of: "<br/>", with: "\n").replacingOccurrences(of: "<br>", with: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `addresses.main_address` (API 5.x), a top-level `main_address`, or the old `place`.
    static func mainAddress(_ group: VKAPIValue) -> VKAPIValue? {
        [group["addresses"]?["main_address"], group["main_address"], group["place"]].lazy.compactMap { $0 }.first(where: \.isObject)
    }

    /// "Курган, ул. Гоголя, 56, каб. 101": the city when the street address does not already name it.
    static func addressText(_ address: VKAPIValue) -> String? {
        guard let street = address["address"]?.string?.trimmingCharacters(in: .whitespacesAndNewlines), !street.isEmpty else { return nil }
        var parts: [String] = []
        if let city = address["city"]?["title"]?.string, !city.isEmpty, !street.contains(city) { parts.append(city) }
        parts.append(street)
        if let extra = address["additional_address"]?.string?.trimmingCharacters(in: .whitespacesAndNewlines), !extra.isEmpty { parts.append(extra) }
        return parts.joined(separator: ", ")
    }

    /// `addresses.is_enabled` with at least one address; a bare `main_address` or `place` counts too.
    static func addressOnMap(_ group: VKAPIValue, mainAddress: VKAPIValue?) -> Bool? {
        if let addresses = group["addresses"], addresses.isObject {
            guard let enabled = addresses["is_enabled"]?.flag else { return mainAddress != nil ? true : nil }
            if !enabled { return false }
            if mainAddress != nil || addresses["main_address_id"]?.int != nil || (addresses["count"]?.int ?? 0) > 0 { return true }
            return addresses["count"]?.int == 0 ? false : nil
        }
        return mainAddress != nil ? true : nil
    }

    /// VK's stand-in pictures (`/images/camera_200.png`, `community_200.png`, `deactivated_200.png`) mean no avatar.
    static func hasAvatar(photo: String?) -> Bool? {
        guard let photo = photo?.lowercased(), !photo.isEmpty else { return nil }
        return !["/images/camera_", "/images/community_", "/images/deactivated_"].contains { photo.contains($0) }
    }

    static func phoneNumbers(in text: String) -> [String] {
        let found = PhoneExtractor.phones(inText: text)
        if !found.isEmpty { return found.map { $0.normalized ?? $0.raw } }
        return PhoneExtractor.phone(fromTel: "tel:" + text).map { [$0.normalized ?? $0.raw] } ?? []
    }

    static let vkHosts: Set<String> = ["vk.com", "m.vk.com", "vk.ru", "m.vk.ru", "vkontakte.ru", "new.vk.com"]

    /// http(s) and `www.` links in free text, other than links back to VK itself. The `site` field
    /// also holds bare domains (`adm.ru`), so there any token with a dotted host counts.
    static func links(in text: String, bareDomains: Bool = false) -> [String] {
        let separators = Set<Character>("<>\"'«»()[]{},;|")
        var found: [String] = []
        for token in text.split(whereSeparator: { $0.isWhitespace || separators.contains($0) }) {
            let lowered = token.lowercased()
            let linkLike = lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("www.")
            guard linkLike || bareDomains, token.count <= 2048 else { continue }
            let trimmed = String(token).trimmingCharacters(in: CharacterSet(charactersIn: ".:!?"))
            guard let address = WebAddress(trimmed), address.host.contains("."), !vkHosts.contains(address.host) else { continue }
            found.append(address.description)
        }
        return found
    }

    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}

private extension Array {
    /// The array, or nil when it is empty and emptiness proves nothing.
    func nilIfEmpty(unless known: Bool) -> [Element]? { isEmpty && !known ? nil : self }
}
