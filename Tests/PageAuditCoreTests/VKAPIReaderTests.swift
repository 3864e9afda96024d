import Foundation
import Testing
@testable import PageAuditCore

/// Reading stored VK API answers: the real VkNet test data (Fixtures/real-vk-api, see SOURCES.md
/// there) and hand-written answers in the documented format (Fixtures/handmade-vk-api, see README.md).
@Suite struct VKAPIReaderTests {
    static let capturedAt = Date(timeIntervalSince1970: 1_732_200_000)
    /// A request address as a live capture would store it; the token must never reach the facts.
    static let apiAddress = WebAddress("https://api.vk.com/method/groups.getById?v=5.199&access_token=SECRET-TOKEN")!

    func fixture(_ folder: String, _ file: String) throws -> Data {
        try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/PageAuditCoreTests/Fixtures/\(folder)/\(file)"))
    }

    func real(_ file: String) throws -> Data { try fixture("real-vk-api", file) }
    func handmade(_ file: String) throws -> Data { try fixture("handmade-vk-api", file) }

    func captured(_ body: Data, status: Int = 200) -> CapturedResponse {
        CapturedResponse(address: Self.apiAddress, capturedAt: Self.capturedAt, status: status, contentType: "application/json", body: body)
    }

    func captured(_ json: String, status: Int = 200) -> CapturedResponse { captured(Data(json.utf8), status: status) }

    func vk(_ key: String) -> PageIdentity { PageIdentity(platform: .vk, key: "vk.com/" + key) }

    func read(_ groups: CapturedResponse, wall: CapturedResponse? = nil, _ identity: PageIdentity) throws -> PageFacts {
        try VKAPIReader().facts(groups: groups, wall: wall, identity: identity).get()
    }

    func failure(_ groups: CapturedResponse, _ identity: PageIdentity) throws -> CaptureFailure {
        let result = VKAPIReader().facts(groups: groups, wall: nil, identity: identity)
        guard case .failure(let failure) = result else {
            Issue.record("expected a failure, got \(result)")
            throw CancellationError()
        }
        return failure
    }

    func rfc(_ posts: [PagePost]?) -> [String]? { posts?.map { RFC3339.string(from: $0.date) } }

    // MARK: - Real answers (VkNet test data)

    @Test func oldShapeOpenEventFromTwoGroupAnswer() throws {
        let groups = captured(try real("vknet__groups.getById__multiple_allfields.json"))
        let facts = try read(groups, vk("club17683660"))
        #expect(facts.source == .vkAPI && facts.existence == .community)
        #expect(facts.address == "https://vk.com/club17683660")
        #expect(facts.name == "Творческие каникулы ART CAMP с 21 по 29 июля")
        #expect(facts.description == "Творческие каникулы ART CAMP с 21 по 29 июля\nС 21...")
        #expect(facts.capturedAt == Self.capturedAt && facts.digest == groups.digest)
        #expect(facts.hasAvatar == true)
        // The answer asked for none of these fields: each is unknown, never "no".
        #expect(facts.governmentMark == nil && facts.emails == nil && facts.phones == nil && facts.websites == nil)
        #expect(facts.commentsOpen == nil && facts.hasCover == nil && facts.addressOnMap == nil && facts.postalAddress == nil)
        #expect(facts.subscribers == nil && facts.posWidgets == nil && facts.posts == nil)
    }

    @Test func oldShapeClosedGroupIsClosed() throws {
        let facts = try read(captured(try real("vknet__groups.getById__multiple_allfields.json")), vk("club637247"))
        #expect(facts.existence == .closed)
        #expect(facts.name == "Чак Паланик - Сумасшедший гений литературы")
        #expect(facts.description == "Кто он, этот неординарный и талантливый человек? Его творчество спо...")
    }

    @Test func groupLookupInRealBatchedAnswer() throws {
        let answer = try real("vknet__groups.getById__multiple_allfields.json")
        let found = try #require(VKAPIReader.group(in: answer, matching: vk("club637247")))
        #expect(found.id == 637247 && found.screenName == "club637247")
        #expect(VKAPIReader.group(in: answer, matching: vk("club1")) == nil)
        #expect(VKAPIReader.group(in: answer, matching: PageIdentity(platform: .ok, key: "ok.ru/group/637247")) == nil)
    }

    @Test func realCommunityWallThroughFacts() throws {
        // The poll wall belongs to group 103292418; its groups.getById answer is written inline.
        let groups = captured(#"{"response":[{"id":103292418,"name":"Test","screen_name":"club103292418","is_closed":0,"type":"group"}]}"#)
        let facts = try read(groups, wall: captured(try real("vknet__wall.get__poll.json")), vk("club103292418"))
        #expect(facts.posts == [PagePost(date: Date(timeIntervalSince1970: 1_447_252_575), isPinned: false, isRepost: false,
                                         commentsOpen: true, url: "https://vk.com/wall-103292418_3")])
        #expect(rfc(facts.posts) == ["2015-11-11T14:36:15Z"])
    }

    @Test func realWallWithCommentsClosed() throws {
        let reading = VKAPIReader.wall(answer: try real("vknet__wall.get__document.json"), ownerID: 26033241)
        let post = try #require(reading.posts?.first)
        #expect(reading.posts?.count == 1 && !reading.wallDisabled)
        #expect(RFC3339.string(from: post.date) == "2013-11-09T06:27:47Z")
        #expect(post.commentsOpen == false && post.isRepost == false && post.isPinned == false)
        #expect(post.url == "https://vk.com/wall26033241_1261")
        // The same answer is not the wall of community 26033241: not "no posts", but unknown.
        #expect(VKAPIReader.wall(answer: try real("vknet__wall.get__document.json"), ownerID: -26033241).posts == nil)
    }

    @Test func realExtendedWallRepostWithCommentsOpen() throws {
        let posts = try #require(VKAPIReader.wall(answer: try real("vknet__wall.get__extended.json"), ownerID: 10).posts)
        #expect(rfc(posts) == ["2014-03-05T06:51:06Z"])  // the reposted post's own date is not a post here
        #expect(posts.first?.isRepost == true && posts.first?.commentsOpen == true)
        #expect(posts.first?.url == "https://vk.com/wall10_41")
    }

    @Test func realDonutEraPostWithCommentsClosed() throws {
        let posts = try #require(VKAPIReader.wall(answer: try real("vknet__wall.getById__donut_can_post0.json"), ownerID: -322).posts)
        #expect(rfc(posts) == ["2020-11-18T11:21:59Z"])
        #expect(posts.first?.commentsOpen == false && posts.first?.url == "https://vk.com/wall-322_123")
    }

    @Test func realNewsfeedWithByteOrderMarkGivesOnlyPosts() throws {
        let feed = try real("vknet__newsfeed.get2.json")
        #expect(feed.starts(with: [0xEF, 0xBB, 0xBF]))
        let posts = try #require(VKAPIReader.wall(answer: feed, ownerID: 361347484).posts)
        // Seven "friend" items carry dates too; only the two posts are posts.
        #expect(rfc(posts) == ["2018-11-01T19:19:39Z", "2018-11-01T14:50:44Z"])
        #expect(posts.map(\.isRepost) == [false, true])
        #expect(posts.map(\.commentsOpen) == [false, false])
        #expect(posts.map(\.url) == ["https://vk.com/wall361347484_2399", "https://vk.com/wall361347484_2398"])
    }

    @Test func anotherOwnersFeedIsNotThisCommunitysWall() throws {
        let groups = captured(try handmade("groups.getById__government.json"))
        let facts = try read(groups, wall: captured(try real("vknet__newsfeed.get2.json")), vk("adm_primersk"))
        #expect(facts.existence == .community && facts.posts == nil)
    }

    @Test func officialSchemaHasTheFieldsTheReaderReads() throws {
        let root = try JSONParser.parse(String(decoding: try real("vk-api-schema__groups_objects.schema.json"), as: UTF8.self))
        let definitions = try #require(VKAPIValue(node: root)["definitions"])
        func keys(_ value: VKAPIValue?) -> Set<String> {
            guard case .object(let members)? = value?.node.value else { return [] }
            return Set(members.map(\.key))
        }
        let full = try #require(definitions["groups_group_full"]?["allOf"]?.elements?.last?["properties"])
        #expect(full["wall"]?["enum"]?.elements?.compactMap(\.int) == [0, 1, 2, 3])
        #expect(keys(full).isSuperset(of: ["contacts", "addresses", "site", "cover", "has_photo", "members_count", "wall", "links", "description"]))
        #expect(!keys(full).contains("is_government_organization"))  // unconfirmed: absent means unknown
        let group = keys(definitions["groups_group"]?["properties"])
        let contact = keys(definitions["groups_contacts_item"]?["properties"])
        let addresses = keys(definitions["groups_addresses_info"]?["properties"])
        let address = keys(definitions["groups_address"]?["properties"])
        #expect(group.isSuperset(of: ["id", "screen_name", "is_closed", "deactivated", "verified", "photo_200"]))
        #expect(definitions["groups_group_is_closed"]?["enum"]?.elements?.compactMap(\.int) == [0, 1, 2])
        #expect(contact == ["user_id", "desc", "phone", "email"])
        #expect(addresses.isSuperset(of: ["is_enabled", "main_address", "main_address_id", "count"]))
        #expect(address.isSuperset(of: ["address", "additional_address", "city", "phone"]))
    }

    // MARK: - Hand-made answers

    @Test func governmentCommunityWithEveryField() throws {
        let groups = captured(try handmade("groups.getById__government.json"))
        let facts = try read(groups, wall: captured(try handmade("wall.get__government.json")), vk("adm_primersk"))
        #expect(facts.existence == .community && facts.address == "https://vk.com/adm_primersk")
        #expect(facts.name == "Администрация города Примерска")
        #expect(facts.description?.hasPrefix("Официальная страница администрации") == true)
        #expect(facts.governmentMark == true)
        #expect(facts.emails == ["priem@adm.example.ru", "press@adm.example.ru", "info@adm.example.ru"])
        #expect(facts.phones == ["+73522410002", "+73522410003", "+73522410001"])
        #expect(facts.postalAddress == "Примерск, ул. Ленина, 1, каб. 101")
        #expect(facts.addressOnMap == true)
        // site, links (the VK link is not a website), then the description's link.
        #expect(facts.websites == ["https://adm.example.ru/", "https://www.gosuslugi.ru/", "https://adm.example.ru/about"])
        #expect(facts.commentsOpen == true)  // wall 2: only the community publishes, everyone comments
        #expect(facts.hasAvatar == true && facts.hasCover == true && facts.subscribers == 15234)
        #expect(facts.posWidgets == nil)
    }

    @Test func governmentWallNewestFirstWithoutVisitorPosts() throws {
        let groups = captured(try handmade("groups.getById__government.json"))
        let posts = try #require(try read(groups, wall: captured(try handmade("wall.get__government.json")), vk("club170000001")).posts)
        #expect(rfc(posts) == ["2024-11-20T10:53:20Z", "2024-11-19T07:06:40Z", "2024-11-18T03:20:00Z", "2024-01-01T00:00:00Z"])
        #expect(posts.map(\.url) == ["https://vk.com/wall-170000001_120", "https://vk.com/wall-170000001_119",
                                     "https://vk.com/wall-170000001_117", "https://vk.com/wall-170000001_10"])
        #expect(posts.map(\.isPinned) == [false, false, false, true])
        #expect(posts.map(\.isRepost) == [false, true, false, false])
        #expect(posts.map(\.commentsOpen) == [true, true, nil, false])
    }

    @Test func verifiedIsNotTheGovernmentMark() throws {
        let answer = captured(try handmade("groups.getById__batched.json"))
        #expect(try read(answer, vk("mfc_primersk")).governmentMark == nil)  // verified: 1, no is_government_organization
        #expect(try read(answer, vk("school1_primersk")).governmentMark == false)
        #expect(try read(captured(try handmade("groups.getById__government.json")), vk("adm_primersk")).governmentMark == true)
    }

    @Test func communityWithNothingFilledIn() throws {
        let facts = try read(captured(try handmade("groups.getById__batched.json")), vk("mfc_primersk"))
        #expect(facts.existence == .community && facts.description == "")
        #expect(facts.emails == [] && facts.phones == [])  // an empty contacts list is a known "none"
        #expect(facts.websites == ["https://www.mfc.example.ru/", "https://adm.example.ru/"])
        #expect(facts.addressOnMap == false && facts.postalAddress == nil)
        #expect(facts.hasCover == false && facts.hasAvatar == false)  // camera_200.png is VK's stand-in
        #expect(facts.commentsOpen == false)  // wall 3: closed
        #expect(facts.subscribers == 0)
    }

    @Test func privateSchoolAndDefaultPictureLibrary() throws {
        let answer = captured(try handmade("groups.getById__batched.json"))
        let school = try read(answer, vk("school1_primersk"))
        #expect(school.existence == .closed && school.commentsOpen == false && school.subscribers == 310)
        let library = try read(answer, vk("club170000030"))
        #expect(library.existence == .community && library.address == "https://vk.com/club170000030")
        #expect(library.hasAvatar == false && library.commentsOpen == true)
        #expect(library.emails == nil && library.websites == nil)
    }

    @Test func groupLookupByScreenNameOrNumber() throws {
        let answer = try handmade("groups.getById__batched.json")
        #expect(VKAPIReader.group(in: answer, matching: vk("mfc_primersk"))?.id == 170000020)
        #expect(VKAPIReader.group(in: answer, matching: vk("club170000020"))?.screenName == "mfc_primersk")
        #expect(VKAPIReader.group(in: answer, matching: vk("public170000020"))?.screenName == "mfc_primersk")
        #expect(VKAPIReader.group(in: answer, matching: vk("nobody_here")) == nil)
        #expect(VKAPIReader.group(in: Data("not json".utf8), matching: vk("club1")) == nil)
        let mixedCase = Data(#"{"response":[{"id":5,"screen_name":"Adm_City"}]}"#.utf8)
        #expect(VKAPIReader.group(in: mixedCase, matching: vk("adm_city"))?.id == 5)
    }

    @Test func deletedAndBannedGroups() throws {
        let deleted = try read(captured(try handmade("groups.getById__deleted.json")),
                               wall: captured(try handmade("wall.get__government.json")), vk("club170000040"))
        #expect(deleted.existence == .deleted && deleted.address == "https://vk.com/club170000040")
        #expect(deleted.name == nil && deleted.hasAvatar == nil && deleted.posts == nil)
        let banned = try read(captured(try handmade("groups.getById__banned.json")), vk("adm_testovy"))
        #expect(banned.existence == .banned)
        let geo = captured(#"{"response":[{"id":7,"screen_name":"geo","deactivated":"geo_banned"}]}"#)
        #expect(try read(geo, vk("geo")).existence == .banned)
    }

    static let errorCases: [(file: String, existence: PageExistence?)] = [
        ("error-5-auth.json", nil), ("error-6-too-many-requests.json", nil), ("error-29-rate-limit.json", nil),
        ("error-100-invalid-fields.json", nil), ("error-15-no-method-access.json", nil),
        ("error-100-invalid-group.json", .deleted), ("error-125-invalid-group-id.json", .deleted),
        ("error-18-deleted-or-banned.json", .deleted),
        ("error-203-group-denied.json", .closed), ("error-30-private.json", .closed),
    ]

    @Test(arguments: errorCases)
    func errorAnswers(_ errorCase: (file: String, existence: PageExistence?)) throws {
        let groups = captured(try handmade(errorCase.file))
        let result = VKAPIReader().facts(groups: groups, wall: nil, identity: vk("club170000001"))
        switch (result, errorCase.existence) {
        case (.success(let facts), let expected?):
            #expect(facts.existence == expected && facts.address == "https://vk.com/club170000001")
            #expect(facts.name == nil && facts.digest == groups.digest)
        case (.failure(let failure), nil):
            #expect(failure.reason == .apiError)
            #expect(failure.address == "https://vk.com/club170000001")  // never the request with its token
            #expect(failure.detail?.hasPrefix("VK API error ") == true)
        default:
            Issue.record("\(errorCase.file): unexpected \(result)")
        }
    }

    @Test func errorMeaningTable() {
        #expect(VKAPIError(code: 113, message: "Invalid user id").meaning == .noSuchPage)
        #expect(VKAPIError(code: 18, message: "User was banned").meaning == .banned)
        #expect(VKAPIError(code: 15, message: "Access denied: this wall available only for community members").meaning == .closed)
        #expect(VKAPIError(code: 15, message: "Access denied: wall is disabled").meaning == .wallDisabled)
        #expect(VKAPIError(code: 14, message: "Captcha needed").meaning == .serviceFailure)
        #expect(VKAPIError(code: nil, message: "no message").meaning == .serviceFailure)
    }

    @Test func wallErrorsLeaveCommunityFactsStanding() throws {
        let groups = captured(try handmade("groups.getById__government.json"))
        let disabled = try read(groups, wall: captured(try handmade("wall.get__error-15-wall-disabled.json")), vk("adm_primersk"))
        #expect(disabled.posts == nil && disabled.commentsOpen == false)  // wall 2 said open; the wall is off
        #expect(disabled.governmentMark == true)
        let membersOnly = try read(groups, wall: captured(try handmade("wall.get__error-15-members-only.json")), vk("adm_primersk"))
        #expect(membersOnly.posts == nil && membersOnly.commentsOpen == true)
        let serverError = try read(groups, wall: captured(try handmade("wall.get__government.json"), status: 502), vk("adm_primersk"))
        #expect(serverError.posts == nil)
        let notJSON = try read(groups, wall: captured("<html>captcha</html>"), vk("adm_primersk"))
        #expect(notJSON.posts == nil && notJSON.name != nil)
        let empty = try read(groups, wall: captured(#"{"response":{"count":0,"items":[]}}"#), vk("adm_primersk"))
        #expect(empty.posts == [])  // an empty wall is a known "no posts"
    }

    @Test func httpErrorOfTheAPIIsAnAPIError() throws {
        let failure = try failure(captured(try handmade("groups.getById__government.json"), status: 503), vk("adm_primersk"))
        #expect(failure.reason == .apiError && failure.status == 503 && failure.address == "https://vk.com/adm_primersk")
        #expect(!failure.showsPageIsGone)
    }

    // MARK: - Hostile and malformed input

    @Test(arguments: [
        ("<!DOCTYPE html><html><body>Вход</body></html>", "not JSON"),
        ("", "not JSON"),
        (#"{"response": {"groups": "x"}}"#, "no list of groups"),
        (#"{"foo": 1}"#, "neither"),
        (#"{"response": [{"id": 1, "screen_name": "other"}]}"#, "no group vk.com/adm_primersk"),
        (#"{"response": [{"id": 99999999999999999999999999, "screen_name": "adm_primersk"}]}"#, "no group"),
        (#"{"response": [{"id": 1, "screen_name": "adm_primersk", "screen_name": "x"}]}"#, "duplicate key"),
        (String(repeating: "[", count: 100_000), "not JSON"),
        (#"{"response": "#, "not JSON"),
    ])
    func malformedAnswersAreUnrecognised(_ body: String, _ detail: String) throws {
        let failure = try failure(captured(body), vk("adm_primersk"))
        #expect(failure.reason == .unrecognisedPage)
        #expect(failure.detail?.contains(detail) == true, "\(failure.detail ?? "")")
    }

    @Test func oversizedAnswerIsRefusedBeforeParsing() throws {
        let failure = try failure(captured(Data(repeating: 0x20, count: VKAPIAnswer.maximumSize + 1)), vk("club1"))
        #expect(failure.reason == .unrecognisedPage && failure.detail?.contains("larger than") == true)
    }

    @Test func wrongTypesAndImpossibleNumbersAreUnknowns() throws {
        let groups = captured("""
        {"response":[{"id":170000001,"screen_name":"adm_primersk","name":["x"],"description":42,"is_closed":99999999999999999999999,
          "members_count":1e400,"wall":true,"has_photo":"yes","cover":{"enabled":[]},"is_government_organization":"true",
          "contacts":{"phone":"+7 3522 41-00-01"},"addresses":[],"site":{"url":"https://a.example.ru"},"photo_200":7,
          "description_extra":"\\u0000\\ud800"}]}
        """)
        let facts = try read(groups, vk("adm_primersk"))
        #expect(facts.existence == .community && facts.name == nil && facts.description == nil)
        #expect(facts.subscribers == nil && facts.commentsOpen == nil && facts.hasAvatar == nil && facts.hasCover == nil)
        #expect(facts.governmentMark == nil && facts.emails == nil && facts.phones == nil && facts.websites == nil)
        #expect(facts.addressOnMap == nil && facts.postalAddress == nil)
    }

    @Test func hostileWallItemsAreSkippedNotTrapped() throws {
        let wall = Data("""
        {"response":{"count":7,"items":[
          {"id":1,"owner_id":-5,"from_id":-5,"date":9223372036854775807},
          {"id":2,"owner_id":-5,"date":-5},
          {"id":3,"owner_id":-5,"date":1e20},
          {"id":4,"owner_id":-9223372036854775808,"date":1732100000},
          {"id":99999999999999999999,"owner_id":-5,"date":1732100000,"is_pinned":"1","comments":"open","copy_history":{}},
          {"id":6,"owner_id":-5,"from_id":-5,"date":"1732000000","comments":{"can_post":2}},
          7, null, "x", [],
          {"id":8,"owner_id":"-5","date":1731000000}
        ]}}
        """.utf8)
        let posts = try #require(VKAPIReader.wall(answer: wall, ownerID: -5).posts)
        #expect(rfc(posts) == ["2024-11-20T10:53:20Z", "2024-11-19T07:06:40Z", "2024-11-07T17:20:00Z"])
        #expect(posts[0].url == nil && posts[0].isPinned == false && posts[0].isRepost == false && posts[0].commentsOpen == nil)
        #expect(posts[1].url == "https://vk.com/wall-5_6" && posts[1].commentsOpen == nil)
        #expect(posts[2].url == "https://vk.com/wall-5_8")
    }

    @Test func oldWallShapeWithLeadingCount() throws {
        let wall = Data(#"{"response":[2,{"id":9,"to_id":-5,"from_id":-5,"date":1300000000,"comments":{"count":0,"can_post":1}}]}"#.utf8)
        let posts = try #require(VKAPIReader.wall(answer: wall, ownerID: -5).posts)
        #expect(rfc(posts) == ["2011-03-13T07:06:40Z"] && posts.first?.commentsOpen == true)
    }

    @Test func invalidUTF8DoesNotTrap() throws {
        var body = Data(#"{"response":[{"id":1,"screen_name":"adm","name":"A"#.utf8)
        body.append(contentsOf: [0xFF, 0xFE, 0xC0])
        body.append(contentsOf: Data(#""}]}"#.utf8))
        let facts = try read(captured(body), vk("adm"))
        #expect(facts.name?.hasPrefix("A") == true && facts.name?.contains("\u{FFFD}") == true)
    }
}
