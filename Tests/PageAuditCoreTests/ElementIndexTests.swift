import Foundation
import Testing
@testable import PageAuditCore

/// `HTMLDocument.elements(named:)` with `hasAttribute` stands in for XPath queries such as
/// `//a[@href] | //area[@href]`; on every fixture page and on hostile markup both must select
/// the same nodes in the same order.
@Suite struct ElementIndexTests {
    static let queries: [(xpath: String, names: [String], attribute: String?, present: Bool)] = [
        ("//a[@href]", ["a"], "href", true),
        ("//a[@href] | //area[@href]", ["a", "area"], "href", true),
        ("//script[@src]", ["script"], "src", true),
        ("//script[not(@src)]", ["script"], "src", false),
        ("//iframe[@src]", ["iframe"], "src", true),
        ("//title", ["title"], nil, true),
        ("//base[@href]", ["base"], "href", true),
    ]

    func expectSameSelection(_ document: HTMLDocument, _ label: String) {
        for query in Self.queries {
            let expected = document.select(query.xpath).map(\.node)
            var found = document.elements(named: query.names[0])
            if query.names.count == 2 { found = document.elements(named: query.names[0], query.names[1]) }
            if let attribute = query.attribute { found = found.filter { $0.hasAttribute(attribute) == query.present } }
            #expect(found.map(\.node) == expected, "\(label): \(query.xpath)")
        }
    }

    @Test func matchesXPathOnFixturePages() throws {
        let fixtures = repositoryRoot.appendingPathComponent("Tests/PageAuditCoreTests/Fixtures")
        let files = FileManager.default.enumerator(at: fixtures, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "html" }
        #expect(files.count > 20)
        for file in files {
            let document = try HTMLDocument(bytes: try Data(contentsOf: file), address: WebAddress("https://example.ru/")!, contentType: nil)
            expectSameSelection(document, file.lastPathComponent)
        }
    }

    @Test func matchesXPathOnHostileMarkup() throws {
        let pages = [
            "", "<!DOCTYPE html><a href>x</a><A HREF='y'>y</A><area href=z><a name=n>",
            "<svg><a href='s'>in svg</a><script>1</script></svg><x:a href=q>ns</x:a><a xml:href=v>",
            "<table><a href=1><tr><td><a href=2><iframe src=f></iframe><script src=''></script>",
            "<base href='/b/'><base href='/c/'><title>one</title><title>two</title>",
            String(repeating: "<div>", count: 5_000) + "<a href=deep>d</a>",
            "<a href=\"x\u{0}y\">nul</a><script>var a = '<a href=inside>';</script><noscript><a href=ns>n</a></noscript>",
        ]
        for page in pages {
            let document = try HTMLDocument(bytes: Data(page.utf8), address: WebAddress("https://example.ru/")!, contentType: nil)
            expectSameSelection(document, String(page.prefix(40)))
        }
    }
}
