import Foundation

/// Turns stored VK API answers (`groups.getById` with the community's fields, and optionally
/// `wall.get` for its recent posts) into ``PageFacts``. The API is the most complete source for VK:
/// it gives contacts, the address, the wall setting and exact post times that the public HTML hides
/// behind a login wall.
///
/// What a `groups.getById` answer means for the page:
///
/// | answer | result |
/// |---|---|
/// | group object, `deactivated: "deleted"` | facts, `.deleted` |
/// | group object, `deactivated: "banned"` or `"geo_banned"` | facts, `.banned` |
/// | group object, any other `deactivated` value | facts, `.deleted` (deactivated for a reason we do not know) |
/// | group object, `is_closed` 1 (closed) or 2 (private) | facts, `.closed` |
/// | group object, `is_closed` 0 or absent | facts, `.community` |
/// | error 113, 125; error 100 naming the group id | facts, `.deleted`: the address names no community |
/// | error 18 ("deleted or banned") | facts, `.deleted` (`.banned` if the message says only banned) |
/// | error 15, 30, 203 (access denied, private) | facts, `.closed` |
/// | error 15 about the method, scope or token; 5, 6, 9, 10, 14, 17, 29 and any other | `.failure(.apiError)` |
/// | HTTP status other than 2xx | `.failure(.apiError)`: the API endpoint failed, not the page |
/// | not JSON, no `response`/`error`, no group list, or no group for this identity | `.failure(.unrecognisedPage)` |
///
/// For `vk.com/<name>`, error 100 says only that no community has the name; the name may belong to
/// a person (`groups.getById` does not resolve people). It is reported as `.deleted` all the same,
/// since either way no community is there.
///
/// A `wall.get` answer never makes the whole read fail: the community facts stand and `posts` is nil
/// when the wall answer is missing, an error, not JSON, or holds only other owners' posts.
/// "Access denied: wall is disabled" (error 15) also sets `commentsOpen` to false.
///
/// Community-wide `commentsOpen` comes from `wall`: 0 disabled → false; 1 open → true; 2 limited →
/// true (only the community may publish, but everyone may comment, which is what the rule asks);
/// 3 closed (restricted) → false (comments are turned off); absent → nil. `can_post` says only what
/// the capturing token's user may do, so it is not used.
///
/// `governmentMark` is `is_government_organization` (unconfirmed in the official schema, seen in VK's
/// own client): present → its value, absent → nil. `verified` is a different mark and is ignored.
/// `posWidgets` is always nil: the API does not expose a community's widgets.
public struct VKAPIReader: Sendable {
    public init() {}

    /// groups: the captured groups.getById answer; wall: the captured wall.get answer, if any.
    public func facts(groups: CapturedResponse, wall: CapturedResponse?, identity: PageIdentity) -> Result<PageFacts, CaptureFailure> {
        // Never the request address: it may carry the access token.
        let page = identity.address.displayString
        func failure(_ reason: CaptureFailure.Reason, _ detail: String) -> Result<PageFacts, CaptureFailure> {
            .failure(CaptureFailure(reason: reason, address: page, status: groups.status, capturedAt: groups.capturedAt, detail: detail))
        }
        func bare(_ existence: PageExistence, address: String = "https://" + identity.key) -> PageFacts {
            PageFacts(identity: identity, source: .vkAPI, address: address, capturedAt: groups.capturedAt,
                      digest: groups.digest, existence: existence)
        }
        guard groups.isSuccess else { return failure(.apiError, "groups.getById answered HTTP \(groups.status)") }

        let response: VKAPIValue
        switch VKAPIAnswer.parse(groups.body) {
        case .failure(let malformed):
            return failure(.unrecognisedPage, "groups.getById: \(malformed.detail)")
        case .success(.error(let error)):
            switch error.meaning {
            case .noSuchPage, .deleted: return .success(bare(.deleted))
            case .banned: return .success(bare(.banned))
            case .closed: return .success(bare(.closed))
            case .wallDisabled, .serviceFailure: return failure(.apiError, error.detail)
            }
        case .success(.response(let value)):
            response = value
        }
        guard let list = VKAPIAnswer.groups(in: response) else {
            return failure(.unrecognisedPage, "groups.getById: the answer holds no list of groups")
        }
        guard let group = list.first(where: { Self.matches($0, identity) }), let id = group["id"]?.int else {
            return failure(.unrecognisedPage, "groups.getById: the answer holds no group \(identity.key)")
        }

        let screenName = Self.screenName(group)
        var facts = bare(Self.existence(group), address: "https://vk.com/" + (screenName ?? "club\(id)"))
        switch group["deactivated"]?.string {
        case .some(let state) where !state.isEmpty: return .success(facts)
        default: break
        }
        VKAPIGroupFields.fill(&facts, from: group)

        let reading = VKAPIReader.wall(wall, ownerID: -id)
        facts.posts = reading.posts
        if reading.wallDisabled { facts.commentsOpen = false }
        return .success(facts)
    }

    /// The group object in a (possibly batched) groups.getById answer that is this identity: by numeric id
    /// for vk.com/clubN, by screen_name for vk.com/<name>; also returns its id and screen name so the
    /// caller can find the wall.get answer stored under either.
    public static func group(in answer: Data, matching identity: PageIdentity) -> (id: Int, screenName: String?)? {
        guard case .success(.response(let response)) = VKAPIAnswer.parse(answer),
              let group = VKAPIAnswer.groups(in: response)?.first(where: { matches($0, identity) }),
              let id = group["id"]?.int else { return nil }
        return (id, screenName(group))
    }

    // MARK: - Identity

    /// `vk.com/club123` (or an unnormalised `public123`, `event123`) → 123; nil for named pages.
    static func clubNumber(_ identity: PageIdentity) -> Int? {
        guard identity.platform == .vk,
              let prefix = ["vk.com/club", "vk.com/public", "vk.com/event"].first(where: identity.key.hasPrefix) else { return nil }
        let digits = identity.key.dropFirst(prefix.count)
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(digits)
    }

    static func matches(_ group: VKAPIValue, _ identity: PageIdentity) -> Bool {
        guard identity.platform == .vk, let id = group["id"]?.int, id > 0 else { return false }
        if let number = clubNumber(identity) { return id == number }
        guard identity.key.hasPrefix("vk.com/"), let name = group["screen_name"]?.string else { return false }
        return name.lowercased() == identity.key.dropFirst("vk.com/".count)
    }

    /// The screen name when it is one VK could have issued (so it is safe to put in an address).
    static func screenName(_ group: VKAPIValue) -> String? {
        guard let name = group["screen_name"]?.string?.lowercased(), !name.isEmpty, name.count <= 64,
              name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "." })
        else { return nil }
        return name
    }

    static func existence(_ group: VKAPIValue) -> PageExistence {
        switch group["deactivated"]?.string {
        case "deleted": return .deleted
        case "banned", "geo_banned": return .banned
        case .some(let other) where !other.isEmpty: return .deleted
        default: break
        }
        if let closed = group["is_closed"]?.int, closed == 1 || closed == 2 { return .closed }
        if group["is_closed"]?.flag == true { return .closed }
        return .community
    }

    // MARK: - Wall

    struct WallReading: Equatable {
        var posts: [PagePost]?
        var wallDisabled = false
    }

    /// The community's own posts in a wall.get answer, newest first. `ownerID` is the wall owner as
    /// VK writes it (`-groupID` for a community).
    static func wall(_ wall: CapturedResponse?, ownerID: Int) -> WallReading {
        guard let wall, wall.isSuccess else { return WallReading() }
        return self.wall(answer: wall.body, ownerID: ownerID)
    }

    static func wall(answer: Data, ownerID: Int) -> WallReading {
        switch VKAPIAnswer.parse(answer) {
        case .failure: return WallReading()
        case .success(.error(let error)): return WallReading(posts: nil, wallDisabled: error.meaning == .wallDisabled)
        case .success(.response(let response)):
            guard let items = VKAPIAnswer.wallItems(in: response) else { return WallReading() }
            return WallReading(posts: posts(in: items, ownerID: ownerID))
        }
    }

    /// Items of other owners are dropped, and so are posts visitors wrote on an open wall
    /// (`from_id` is not the owner): they are not evidence that the agency publishes. If the answer
    /// has items but none on this wall, it is another page's answer: nil, not "no posts".
    /// Newsfeed-shaped items (`source_id`, `post_id`, `type`) are read too; only `type: "post"` counts.
    static func posts(in items: [VKAPIValue], ownerID: Int) -> [PagePost]? {
        var posts: [(date: Int, post: PagePost)] = []
        var onThisWall = 0
        for item in items {
            guard let owner = (item["owner_id"] ?? item["to_id"] ?? item["source_id"])?.int, owner == ownerID else { continue }
            onThisWall += 1
            if let type = item["type"]?.string, type != "post" { continue }
            if let author = item["from_id"]?.int, author != ownerID { continue }
            // Unix seconds from 1970 to 9999: anything else is not a date VK wrote.
            guard let seconds = item["date"]?.int, (1...253_402_300_799).contains(seconds) else { continue }
            let number = (item["id"] ?? item["post_id"])?.int
            posts.append((seconds, PagePost(
                date: Date(timeIntervalSince1970: TimeInterval(seconds)),
                isPinned: item["is_pinned"]?.flag ?? false,
                isRepost: item["copy_history"]?.isNonEmptyArray ?? false,
                commentsOpen: item["comments"]?["can_post"]?.flag,
                url: number.map { "https://vk.com/wall\(ownerID)_\($0)" })))
        }
        if onThisWall == 0, !items.isEmpty { return nil }
        return posts.enumerated().sorted { ($0.element.date, -$0.offset) > ($1.element.date, -$1.offset) }.map(\.element.post)
    }
}
