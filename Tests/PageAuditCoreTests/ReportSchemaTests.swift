import Foundation
import Testing
@testable import PageAuditCore

/// Runs python3 with scripts/validate-report.py, the independent (jsonschema) check of our JSON report.
enum ReportSchemaPython {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let script = root.appendingPathComponent("scripts/validate-report.py")
    static let schema = root.appendingPathComponent("docs/report.schema.json")

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try runProcess("/usr/bin/env", ["python3"] + arguments)
    }

    /// jsonschema, and rfc3339-validator without which jsonschema accepts any string as a date-time.
    static let available: Bool = (try? run(["-c", "import jsonschema, rfc3339_validator"]).status == 0) ?? false

    /// CI sets this, so that a missing jsonschema fails the run instead of skipping these tests.
    static var required: Bool { ProcessInfo.processInfo.environment["PAGEAUDIT_REQUIRE_JSONSCHEMA"] == "1" }

    static func validate(_ report: Data) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pageaudit-report-\(UUID().uuidString).json")
        try report.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try run([script.path, file.path, schema.path])
    }
}

/// The demo report is checked against docs/report.schema.json by an independent implementation
/// (python jsonschema, Draft 2020-12 with format checking), and a broken report is rejected.
///
/// Skipped, with this reason shown, when python3 cannot import jsonschema and rfc3339_validator;
/// with `PAGEAUDIT_REQUIRE_JSONSCHEMA=1` they run anyway and fail.
@Suite(.enabled(if: ReportSchemaPython.available || ReportSchemaPython.required,
                "python3 with jsonschema is not installed (pip install jsonschema rfc3339-validator); set PAGEAUDIT_REQUIRE_JSONSCHEMA=1 to fail instead of skipping"))
struct ReportSchemaTests {
    func demoReport() throws -> Data {
        let result = try runPageAudit(["audit", "--format", "json"])
        #expect(result.status == 1, "demo has law failures: \(result.stderr)")
        return Data(result.stdout.utf8)
    }

    @Test func jsonschemaIsInstalled() {
        #expect(ReportSchemaPython.available, "python3 -c 'import jsonschema, rfc3339_validator' failed: pip install jsonschema rfc3339-validator")
    }

    @Test func theSchemaIsVersionedWithTheFormat() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: ReportSchemaPython.schema)) as? [String: Any])
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect((schema["$id"] as? String)?.hasSuffix(JSONReport.format) == true)
        let format = (schema["properties"] as? [String: Any])?["format"] as? [String: Any]
        #expect(format?["const"] as? String == JSONReport.format)
    }

    @Test func theDemoReportIsValid() throws {
        let (status, output) = try ReportSchemaPython.validate(try demoReport())
        #expect(status == 0, "validate-report.py said:\n\(output)")
        #expect(output.contains("valid against"), "\(output)")
    }

    @Test func aBrokenReportIsRejected() throws {
        var report = try #require(try JSONSerialization.jsonObject(with: demoReport()) as? [String: Any])
        var agencies = try #require(report["agencies"] as? [[String: Any]])
        var findings = try #require(agencies[0]["findings"] as? [[String: Any]])
        try #require(findings.count >= 2)
        findings[0]["status"] = "maybe"
        findings[1].removeValue(forKey: "message")
        agencies[0]["findings"] = findings
        report["agencies"] = agencies
        let broken = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])

        let (status, output) = try ReportSchemaPython.validate(broken)
        #expect(status == 1, "validate-report.py said:\n\(output)")
        #expect(output.contains("$.agencies[0].findings[0].status: 'maybe' is not one of"), "\(output)")
        #expect(output.contains("$.agencies[0].findings[1]: 'message' is a required property"), "\(output)")
        #expect(output.contains("2 error(s)"), "\(output)")
    }
}
