import Foundation
import Testing
@testable import PageAuditCore

@Suite struct EvaluatorTests {
    let checklist = try! ChecklistLoader.load(from: repositoryRoot.appendingPathComponent("checklists/270-fz.json"))
    let asOf = RFC3339.date(from: "2026-11-20T12:00:00+03:00")!
    let home = WebAddress("https://adm.example.ru/")!

    func agency(_ kind: AgencyKind = .municipal, zone: String = "Europe/Moscow") -> Agency {
        Agency(id: "a", name: "Администрация", kind: kind, region: nil, timeZoneIdentifier: zone, website: home,
               declaredPages: [], source: SourceLocation(file: "r.csv", line: 2))
    }

    func page(_ address: WebAddress? = nil, emails: [String] = [], phones: [String] = [], postcode: Bool = false,
              links: [String] = [], pos: Bool = false, role: SitePageFacts.Role = .home) -> SitePageFacts {
        let address = address ?? home
        return SitePageFacts(
            address: address, role: role, capturedAt: asOf, status: 200, digest: "sha256:00", charset: "utf-8", title: "Администрация",
            platformLinks: links.map { link in
                let target = PlatformLinkClassifier.classify(WebAddress(link)!)!
                return PlatformLink(platform: target.platform, kind: target.kind, identity: target.identity, href: link, label: nil,
                                    icon: nil, region: .footer, foundOn: address.description)
            },
            emails: emails.map { FoundEmail(address: $0, source: .mailto, excerpt: $0) },
            phones: phones.map { FoundPhone(raw: $0, normalized: $0, source: .text, excerpt: $0) },
            postalAddresses: postcode ? [FoundPostalAddress(postcode: "640024", text: "640024, г. Курган, ул. Гоголя, 56")] : [],
            posWidget: pos ? [PosWidgetSighting(form: .script, excerpt: "https://pos.gosuslugi.ru/bin/script.min.js")] : [])
    }

    func evaluate(_ site: SiteObservation, kind: AgencyKind = .municipal, asOf: Date? = nil) -> [String: Finding] {
        let findings = Evaluator(checklist: checklist).evaluate(AgencyFacts(agency: agency(kind), site: site), asOf: asOf ?? self.asOf)
        return Dictionary(uniqueKeysWithValues: findings.map { ($0.ruleID, $0) })
    }

    func read(_ pages: [SitePageFacts], unread: [UnreadPage] = []) -> SiteObservation {
        .read(SiteFacts(website: home, pages: pages, unread: unread))
    }

    @Test func compliantSitePassesSiteRulesWithEvidence() {
        let findings = evaluate(read([page(emails: ["info@adm.ru"], phones: ["+73522429236"], postcode: true, links: ["https://vk.com/club1"])]))
        for id in ["SITE-EXISTS", "SITE-EMAIL", "SITE-CONTACTS", "SITE-LINKS-TO-PAGES"] {
            #expect(findings[id]?.status == .pass, "\(id)")
        }
        #expect(findings["SITE-EMAIL"]?.evidence.first?.excerpt == "info@adm.ru")
        #expect(findings["SITE-EMAIL"]?.evidence.first?.digest == "sha256:00")
        #expect(findings["SITE-EMAIL"]?.fix == nil)
    }

    @Test func missingContactsFailOnlyWhenEveryPageWasRead() {
        let failing = evaluate(read([page(phones: ["+73522429236"])]))
        #expect(failing["SITE-EMAIL"]?.status == .fail)
        #expect(failing["SITE-CONTACTS"]?.measured == "address: нет, email: нет, phone: да")
        #expect(failing["SITE-EMAIL"]?.fix != nil)

        let contacts = WebAddress("https://adm.example.ru/contacts/")!
        let unread = UnreadPage(address: contacts, role: .contacts, failure: CaptureFailure(reason: .notCaptured, address: contacts.description))
        let partial = evaluate(read([page(phones: ["+73522429236"])], unread: [unread]))
        #expect(partial["SITE-EMAIL"]?.status == .unverifiable)
        #expect(partial["SITE-EMAIL"]?.message.en.contains("contacts") == true)
    }

    @Test func contactsOnASecondPageCount() {
        let contacts = page(WebAddress("https://adm.example.ru/kontakty/"), emails: ["priem@adm.ru"], phones: ["+7"], postcode: true, role: .contacts)
        #expect(evaluate(read([page(), contacts]))["SITE-CONTACTS"]?.status == .pass)
    }

    @Test func telegramOnlySiteFailsLinksToPagesAndNamesWhatItFound() {
        let finding = evaluate(read([page(links: ["https://t.me/adm_city"])]))["SITE-LINKS-TO-PAGES"]
        #expect(finding?.status == .fail)
        #expect(finding?.message.ru.contains("t.me/adm_city") == true)
    }

    @Test func personalProfileLinkIsNotAnOfficialPageAndFailsValidity() {
        let findings = evaluate(read([page(links: ["https://vk.com/id77"])]))
        #expect(findings["SITE-LINKS-TO-PAGES"]?.status == .fail)
        #expect(findings["SITE-LINKED-PAGE-VALID"]?.status == .fail)
    }

    @Test func unreadableSiteMakesSiteRulesUnverifiableNeverFail() {
        let failure = CaptureFailure(reason: .blocked, address: home.description, status: 403)
        for finding in evaluate(.unreadable(failure)).values where finding.ruleID.hasPrefix("SITE-") && finding.status != .notApplicable {
            #expect(finding.status == .unverifiable, "\(finding.ruleID)")
        }
    }

    @Test func siteThatIsGoneFailsExistence() {
        let failure = CaptureFailure(reason: .httpStatus, address: home.description, status: 404)
        #expect(evaluate(.unreadable(failure))["SITE-EXISTS"]?.status == .fail)
        #expect(evaluate(.notDeclared)["SITE-EXISTS"]?.status == .unverifiable)
    }

    @Test func practiceRuleNotMetIsAWarningNotAFailure() {
        let finding = evaluate(read([page()]), kind: .regional)["SITE-POS-WIDGET"]
        #expect(finding?.status == .warn && finding?.strength == .practice)
        #expect(evaluate(read([page(pos: true)]), kind: .regional)["SITE-POS-WIDGET"]?.status == .pass)
    }

    @Test func kindOutsideAppliesToIsNotApplicable() {
        let findings = evaluate(read([page()]), kind: .subordinate)
        #expect(findings["SITE-EMAIL"]?.status == .notApplicable)
        #expect(findings["SITE-POS-WIDGET"]?.status == .notApplicable)
    }

    @Test func rulesNotYetInForceAreNotApplicable() {
        let before = RFC3339.date(from: "2022-11-30T12:00:00+03:00")!
        let findings = evaluate(read([page()]), asOf: before)
        #expect(findings["SITE-LINKS-TO-PAGES"]?.status == .notApplicable)
        #expect(findings["SITE-EMAIL"]?.status == .fail)  // 8-FZ rules have no start date in the checklist
    }

    @Test func effectiveDateIsReadInTheAgencysTimeZone() {
        // 2022-11-30T14:00Z is already 1 December in Kamchatka (UTC+12) but not in Kaliningrad (UTC+2).
        let instant = RFC3339.date(from: "2022-11-30T14:00:00Z")!
        let evaluator = Evaluator(checklist: checklist)
        let site = read([page()])
        let kamchatka = evaluator.evaluate(AgencyFacts(agency: agency(zone: "Asia/Kamchatka"), site: site), asOf: instant)
        let kaliningrad = evaluator.evaluate(AgencyFacts(agency: agency(zone: "Europe/Kaliningrad"), site: site), asOf: instant)
        #expect(kamchatka.first { $0.ruleID == "SITE-LINKS-TO-PAGES" }?.status == .fail)
        #expect(kaliningrad.first { $0.ruleID == "SITE-LINKS-TO-PAGES" }?.status == .notApplicable)
    }

    @Test func pageRulesWithoutAnyKnownPageAreUnverifiable() {
        let findings = evaluate(read([page()]))
        #expect(findings["PAGE-EXISTS"]?.status == .unverifiable)
        #expect(findings["PAGE-EXISTS"]?.message.en.contains("no page on ВКонтакте, Одноклассники is known") == true)
        #expect(findings["PAGE-CONTACTS"]?.status == .unverifiable)
    }

    @Test func evaluationIsDeterministic() throws {
        let site = read([page(emails: ["a@b.ru"], links: ["https://vk.com/club1"])])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let first = try encoder.encode(evaluate(site).sorted { $0.key < $1.key }.map(\.value))
        let second = try encoder.encode(evaluate(site).sorted { $0.key < $1.key }.map(\.value))
        #expect(first == second)
    }
}
