/// Usage texts, printed by `--help` and `pageaudit help COMMAND`.
enum Help {
    static let main = """
    pageaudit — проверка официальных сайтов и страниц госорганов по 270-ФЗ
    pageaudit — audits official websites and pages of Russian public bodies under 270-FZ

    USAGE: pageaudit <command> [options]

    COMMANDS:
      audit                 Audit a registry against a checklist (default: the bundled demo set)
      check SITE            Self-check one agency live: its site and pages, with what to fix
      merge JOURNAL...      One report from the journals of the shards of a run (audit --shard K/N)
      diff OLD NEW          What changed between two saved JSON reports
      snapshot import FILE  Add a page saved from a browser to a snapshot set
      checklist validate    Check a checklist file and report the exact place of any error
      help [command]        Show help for a command

    OPTIONS:
      --version             Print the version
      -h, --help            Show this help

    EXIT CODES:
      0  no law rule failed        1  at least one law rule failed
      2  bad usage or bad input    3  the report could not be written
    """

    static let audit = """
    USAGE: pageaudit audit [--registry FILE] [--snapshots DIR|FILE.warc.gz] [--checklist FILE] [--as-of DATE]
                           [--format text|json|csv|html|junit|markdown] [--lang ru|en] [--output FILE]
                           [--baseline FILE] [--waivers FILE] [--fail-on law|any|new|none]
                           [--contact-pages N] [--verbose] [--live …]
                           [--journal FILE] [--resume] [--shard K/N] [--concurrency N]

    With no options, audits the bundled snapshots/demo set against checklists/270-fz.json.

    OPTIONS:
      --snapshots DIR     Folder snapshot set (manifest.tsv and captured files). Default: snapshots/demo
      --registry FILE     Registry (CSV or JSON). Default: DIR/registry.csv (or DIR/registry.json)
      --checklist FILE    Checklist JSON. Default: checklists/270-fz.json
      --as-of DATE        Evaluate as of this instant: RFC 3339 (2026-11-20T12:00:00+03:00) or a
                          date (2026-11-20, meaning its end in Moscow time).
                          Default: the newest capture time in the set, so re-runs agree
      --format FORMAT     text (default), json (pageaudit.report/1), csv, html, junit or markdown
      --delimiter D       CSV delimiter: ; (default, Excel in a Russian locale) or ,
      --baseline FILE     An earlier JSON report: classify findings as new, resolved, still failing
      --waivers FILE      Accepted exceptions (pageaudit.waivers/1): waived findings are shown as such
      --fail-on POLICY    Exit 1 on: law (default: an unwaived law failure), any, new (needs --baseline), none
      --lang LANG         ru (default) or en, for every human-facing format
      --output FILE       Write the report to FILE instead of standard output
      --contact-pages N   Contact/"about" pages to read besides the home page (default 3, 0–20)
      --concurrency N     Agencies audited at once (default 4); in a live run also requests in flight
                          at once over all hosts (default 16), one per host whatever N is
      --verbose           Text output: list passing and not-applicable findings too
      -h, --help          Show this help

    LARGE RUNS:
      --journal FILE      Append each finished agency to FILE (JSON lines) as it finishes; the report
                          is rendered from it. Default: OUTPUT.journal.jsonl beside --output, or a
                          temporary file (removed at the end) when the report goes to standard output
      --resume            Continue the unfinished run of the journal (after a crash or kill -9): no
                          finished agency is redone; the report equals an uninterrupted run's
      --shard K/N         Audit only shard K of N (1 ≤ K ≤ N): the agencies whose id's FNV-1a 64-bit
                          hash modulo N is K-1. Join the shards' journals with 'pageaudit merge'

    LIVE CAPTURE (--live; or --snapshots FILE.warc.gz to replay one offline, with --registry):
      --live              Capture the registry's sites and pages from the web now
      --warc FILE         Evidence archive to write (default captures/<run start>.warc.gz, plus .cdxj)
      --ca-file FILE      Extra trust anchors (PEM), e.g. the Russian Trusted Root CA
      --user-agent UA     Default: pageaudit/<version> (+project URL)
      --min-interval S    Seconds between requests to one host (default 1; robots.txt Crawl-delay raises it)
      --agency-deadline S Seconds one agency may take in all (default 300)
      --vk-rate N         VK API requests per second (default 3; error 6 is retried with backoff)
      --allow-private     Allow loopback, private and link-local addresses (refused by default)
      --header 'N: V'     Send header N with value V on every request (repeatable); recorded in the WARC
      --secret-header 'N: V'  The same, but V is never recorded: the WARC shows 'N: [secret]', and the
                          archived command line, reports, journal and messages never contain it.
                          Both go to every host the run contacts, the VK API included
      The VK API token is read from the environment variable PAGEAUDIT_VK_TOKEN only, and never
      written to evidence, reports or logs.

    EXIT CODES:
      0  no law rule failed        1  at least one law rule failed
      2  bad usage or bad input    3  the report could not be written
    """

    static let check = """
    USAGE: pageaudit check SITE [--vk URL] [--ok URL] [--telegram URL] [--max URL] [--kind KIND]
                           [--name NAME] [--timezone ZONE] [--lang ru|en] [--format text|json]
                           [--warc FILE] [--ca-file FILE]

    Checks one agency live, as a review would: the website SITE and the official pages given (and
    those the site links to). Every finding is shown with what to fix. KIND is federal, regional,
    municipal (default), subordinate or court. Evidence is kept in captures/ as with audit --live.

    EXIT CODES:
      0  no law rule failed        1  at least one law rule failed
      2  bad usage or bad input    3  the report could not be written
    """

    static let snapshotImport = """
    USAGE: pageaudit snapshot import FILE --url URL --set DIR [--captured-at TIME] [--content-type TYPE]

    Copies FILE (a page saved from a browser) into the snapshot set DIR as the capture of URL, and
    adds its row to DIR/manifest.tsv (created if missing). The capture time is TIME (RFC 3339) or the
    file's modification time. Nothing is written outside DIR.
    """

    static let merge = """
    USAGE: pageaudit merge JOURNAL... [--format FORMAT] [--lang ru|en] [--output FILE] [--baseline FILE]
                           [--waivers FILE] [--fail-on law|any|new|none] [--delimiter D] [--verbose]

    Renders one report from the journals of all N shards of one run (pageaudit audit --shard K/N
    --journal FILE), exactly as the unsharded run would have. Refuses journals of different runs
    (registry, checklist, as-of day, pageaudit version), unfinished ones (finish them with
    --resume), and a missing or repeated shard. One journal of an unsharded run renders that run
    again, in another format for instance. The options are those of audit.

    EXIT CODES: as audit.
    """

    static func text(for command: String) -> String {
        switch command {
        case "audit": audit
        case "merge": merge
        case "check": check
        case "snapshot": snapshotImport
        case "checklist": checklistValidate
        default: main
        }
    }

    static let checklistValidate = """
    USAGE: pageaudit checklist validate FILE [--lang ru|en]

    Loads FILE (and the checklists it extends) and reports the first error with its file, line,
    column and JSON path, or prints the rules it defines.

    EXIT CODES:
      0  the checklist is valid    2  it is not (the error says where and how to fix it)
    """
}
