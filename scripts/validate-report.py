#!/usr/bin/env python3
"""Validate a pageaudit JSON report against docs/report.schema.json with an independent validator.

    python3 scripts/validate-report.py REPORT.json [SCHEMA]

Uses the `jsonschema` package (Draft 2020-12, with format checking: `date-time` needs the
`rfc3339-validator` package, which jsonschema uses when it is installed). Prints every error with
its JSON path. Exit status: 0 valid, 1 invalid, 2 usage or environment problem.
"""
import json
import os
import sys


def main(argv):
    if len(argv) not in (2, 3) or argv[1] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    report_path = argv[1]
    schema_path = argv[2] if len(argv) == 3 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), os.pardir, "docs", "report.schema.json")

    try:
        import jsonschema
        from jsonschema import Draft202012Validator
    except ImportError:
        print("error: python3 cannot import jsonschema (pip install jsonschema rfc3339-validator)", file=sys.stderr)
        return 2

    format_checker = Draft202012Validator.FORMAT_CHECKER
    # Without rfc3339-validator, jsonschema silently accepts any string as a date-time.
    if "date-time" not in format_checker.checkers:
        print("error: jsonschema cannot check format date-time here (pip install rfc3339-validator)", file=sys.stderr)
        return 2

    try:
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
        with open(report_path, encoding="utf-8") as f:
            report = json.load(f)
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    try:
        Draft202012Validator.check_schema(schema)
    except jsonschema.exceptions.SchemaError as e:
        print(f"error: {schema_path} is not a valid Draft 2020-12 schema: {e.message}", file=sys.stderr)
        return 2

    validator = Draft202012Validator(schema, format_checker=format_checker)
    errors = sorted(validator.iter_errors(report), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    for error in errors:
        print(f"{error.json_path}: {error.message}  (schema: {'/'.join(map(str, error.absolute_schema_path))})")
    if errors:
        print(f"{report_path}: {len(errors)} error(s) against {schema.get('$id', schema_path)}")
        return 1
    print(f"{report_path}: valid against {schema.get('$id', schema_path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
