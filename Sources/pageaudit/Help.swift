/// Usage texts, printed by `--help` and `pageaudit help COMMAND`.
enum Help {
    static let main = """
    pageaudit — проверка официальных сайтов и страниц госорганов по 270-ФЗ
    pageaudit — audits official websites and pages of Russian public bodies under 270-FZ

    USAGE: pageaudit <command> [options]

    COMMANDS:
      audit                 Audit a registry against a checklist (default: the bundled demo set)
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
    USAGE: pageaudit audit [--registry FILE] [--snapshots DIR] [--checklist FILE] [--as-of DATE]
                           [--format text|json] [--lang ru|en] [--output FILE] [--contact-pages N]
                           [--verbose]

    With no options, audits the bundled snapshots/demo set against checklists/270-fz.json.

    OPTIONS:
      --snapshots DIR     Folder snapshot set (manifest.tsv and captured files). Default: snapshots/demo
      --registry FILE     Registry (CSV or JSON). Default: DIR/registry.csv (or DIR/registry.json)
      --checklist FILE    Checklist JSON. Default: checklists/270-fz.json
      --as-of DATE        Evaluate as of this instant: RFC 3339 (2026-11-20T12:00:00+03:00) or a
                          date (2026-11-20, meaning its end in Moscow time).
                          Default: the newest capture time in the set, so re-runs agree
      --format FORMAT     text (default) or json (format pageaudit.report/1)
      --lang LANG         ru (default) or en, for text output
      --output FILE       Write the report to FILE instead of standard output
      --contact-pages N   Contact/"about" pages to read besides the home page (default 3, 0–20)
      --verbose           Text output: list passing and not-applicable findings too
      -h, --help          Show this help

    EXIT CODES:
      0  no law rule failed        1  at least one law rule failed
      2  bad usage or bad input    3  the report could not be written
    """

    static let checklistValidate = """
    USAGE: pageaudit checklist validate FILE [--lang ru|en]

    Loads FILE (and the checklists it extends) and reports the first error with its file, line,
    column and JSON path, or prints the rules it defines.

    EXIT CODES:
      0  the checklist is valid    2  it is not (the error says where and how to fix it)
    """
}
