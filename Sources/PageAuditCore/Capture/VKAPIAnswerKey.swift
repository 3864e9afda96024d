import Foundation

/// How a stored VK API answer is recognised: by its method and the group it is about, whatever
/// else its URL carries (version, fields, count, a batch of other groups). The token never appears
/// in a stored URL, so it plays no part.
///
/// `https://api.vk.com/method/groups.getById?group_ids=adm_city,123&fields=…` answers for
/// `groups.getById|adm_city` and `groups.getById|123`; `wall.get?domain=adm_city` for `wall.get|adm_city`
/// and `wall.get?owner_id=-123` for `wall.get|-123`.
public enum VKAPIAnswerKey {
    public static let host = "api.vk.com"

    public static func keys(of address: WebAddress) -> [String] {
        guard address.host == host, address.path.hasPrefix("/method/") else { return [] }
        let method = String(address.path.dropFirst("/method/".count))
        let items = URLComponents(url: address.url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        func values(_ name: String) -> [String] {
            items.filter { $0.name == name }.compactMap(\.value)
                .flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                .filter { !$0.isEmpty }
        }
        switch method {
        case "groups.getById", "groups.getbyid":
            return (values("group_id") + values("group_ids")).map { "groups.getById|\($0)" }
        case "wall.get":
            return (values("domain") + values("owner_id")).map { "wall.get|\($0)" }
        default:
            return []
        }
    }

    /// The address of the `groups.getById` answer for a group given by number or screen name.
    public static func groupsAddress(for group: String) -> WebAddress {
        WebAddress("https://\(host)/method/groups.getById?group_id=\(group)")!
    }

    /// The address of the `wall.get` answer, by screen name or by numeric id.
    public static func wallAddress(domain: String) -> WebAddress {
        WebAddress("https://\(host)/method/wall.get?domain=\(domain)")!
    }

    public static func wallAddress(groupID: Int) -> WebAddress {
        WebAddress("https://\(host)/method/wall.get?owner_id=-\(groupID)")!
    }
}
