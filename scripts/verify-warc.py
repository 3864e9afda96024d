#!/usr/bin/env python3
"""Verify a WARC file written by pageaudit, independently of pageaudit, with warcio.

Usage: scripts/verify-warc.py FILE.warc.gz [--index FILE.cdxj]

Checks:
  * warcio reads every record (a .warc.gz must have one gzip member per record);
  * every record carries a WARC-Block-Digest, and warcio verifies it;
  * every WARC-Payload-Digest verifies. warcio (1.8) digests the body as stored, chunk framing
    included (warcio issue #74); WARC 1.1 section 6.3.2 defines the payload with the transfer
    coding removed, which is what pageaudit writes. So a chunked response is checked here
    against the de-chunked body, and warcio's own verdict is accepted for all other records;
  * WARC-Record-IDs are unique <urn:uuid:...> and every WARC-Concurrent-To names a record of
    the file; the file starts with a warcinfo record;
  * the CDXJ index beside the file (FILE.cdxj), when there is one: its lines are sorted, each
    points at the offset and length of a response record with the same URL, date and payload
    digest, and every response record has a line.

Prints a summary and exits 0 when all is well, 1 on any problem, 2 on bad usage or when warcio
is missing (pip install warcio).
"""

import argparse
import base64
import binascii
import hashlib
import json
import os
import re
import sys
import zlib

try:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed
except ImportError:  # pragma: no cover
    sys.stderr.write("verify-warc: warcio is not installed (pip install warcio)\n")
    sys.exit(2)

UUID_ID = re.compile(r"^<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}>$")


def decode_digest(value, size):
    """The digest bytes of a hex, base32 or base64 value of `size` bytes, or None."""
    candidates = []
    if len(value) == size * 2:
        candidates.append(lambda: binascii.unhexlify(value))
    candidates.append(lambda: base64.b32decode(value.upper() + "=" * (-len(value) % 8)))
    candidates.append(lambda: base64.b64decode(value + "=" * (-len(value) % 4), altchars=b"-_" if ("-" in value or "_" in value) else None))
    for candidate in candidates:
        try:
            decoded = candidate()
        except (binascii.Error, ValueError):
            continue
        if len(decoded) == size:
            return decoded
    return None


def digest_matches(label, data):
    """True or False, or None when the label cannot be checked."""
    algorithm, sep, value = label.partition(":")
    if not sep:
        return None
    try:
        hasher = hashlib.new(algorithm.lower().replace("-", ""))
    except ValueError:
        return None
    expected = decode_digest(value.strip(), hasher.digest_size)
    if expected is None:
        return None
    hasher.update(data)
    return hasher.digest() == expected


def dechunk(raw):
    """The body with chunked transfer coding removed, or None if it is malformed."""
    out = bytearray()
    pos = 0
    while True:
        end = raw.find(b"\n", pos)
        if end < 0:
            return None
        size_text = raw[pos:end].rstrip(b"\r").split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            return None
        pos = end + 1
        if size == 0:
            return bytes(out)
        if pos + size > len(raw):
            return None
        out += raw[pos:pos + size]
        pos += size
        if raw[pos:pos + 2] == b"\r\n":
            pos += 2
        elif raw[pos:pos + 1] == b"\n":
            pos += 1
        else:
            return None


def timestamp14(warc_date):
    digits = re.sub(r"[^0-9]", "", warc_date[:19])
    return digits if len(digits) == 14 else None


def verify(path, index_path):
    problems = []
    notes = []
    counts = {}
    records = {}          # offset -> facts of the record
    ids = {}
    concurrent = []
    chunked_checked = 0
    payloads = 0
    blocks = 0

    with open(path, "rb") as stream:
        iterator = ArchiveIterator(stream, check_digests=True)
        try:
            for number, record in enumerate(iterator):
                body = record.raw_stream.read()
                while True:  # read all, so warcio's digest check runs to the end
                    more = record.raw_stream.read(1 << 20)
                    if not more:
                        break
                    body += more
                offset = iterator.get_record_offset()
                length = iterator.get_record_length()
                headers = record.rec_headers
                kind = record.rec_type
                record_id = headers.get_header("WARC-Record-ID")
                where = "offset {} {} {}".format(offset, kind, record_id)
                counts[kind] = counts.get(kind, 0) + 1

                if number == 0 and kind != "warcinfo":
                    problems.append("{}: the first record is not warcinfo".format(where))
                if headers.protocol not in ("WARC/1.1", "WARC/1.0"):
                    problems.append("{}: unexpected version {}".format(where, headers.protocol))
                if not record_id or not UUID_ID.match(record_id):
                    problems.append("{}: WARC-Record-ID is not <urn:uuid:...>".format(where))
                elif record_id in ids:
                    problems.append("{}: WARC-Record-ID also used at offset {}".format(where, ids[record_id]))
                else:
                    ids[record_id] = offset
                for name, value in headers.headers:
                    if name.lower() == "warc-concurrent-to":
                        concurrent.append((where, value))

                block_label = headers.get_header("WARC-Block-Digest")
                payload_label = headers.get_header("WARC-Payload-Digest")
                warcio_problems = list(record.digest_checker.problems)
                expected = record.payload_length if record.payload_length is not None and record.payload_length >= 0 else record.length
                if expected is None or len(body) != expected:
                    # warcio checks a digest only once it has read the whole block.
                    problems.append("{}: the record is truncated: {} of {} bytes after the headers".format(where, len(body), expected))
                    continue
                if not block_label:
                    problems.append("{}: no WARC-Block-Digest, nothing to verify".format(where))
                elif any(p.startswith("block digest") for p in warcio_problems) or \
                        any("unknown hash algorithm name in block" in p for p in warcio_problems):
                    problems.append("{}: warcio: {}".format(where, "; ".join(warcio_problems)))
                else:
                    blocks += 1

                if payload_label:
                    http = record.http_headers
                    chunked = bool(http) and "chunked" in (http.get_header("Transfer-Encoding") or "").lower()
                    warcio_payload_failed = any("payload digest" in p for p in warcio_problems)
                    if chunked:
                        decoded = dechunk(body)
                        spec = digest_matches(payload_label, decoded) if decoded is not None else False
                        raw = digest_matches(payload_label, body)
                        if spec:
                            chunked_checked += 1
                            payloads += 1
                        elif raw:
                            payloads += 1
                            notes.append("{}: the payload digest covers the chunk framing (as warcio and older crawlers write it), not the de-chunked body WARC 1.1 defines".format(where))
                        else:
                            problems.append("{}: WARC-Payload-Digest {} matches neither the de-chunked nor the stored body".format(where, payload_label))
                    elif warcio_payload_failed:
                        problems.append("{}: warcio: {}".format(where, "; ".join(p for p in warcio_problems if "payload" in p)))
                    elif digest_matches(payload_label, body) is not True:
                        problems.append("{}: WARC-Payload-Digest {} does not match the body".format(where, payload_label))
                    else:
                        payloads += 1

                records[offset] = {
                    "type": kind,
                    "uri": headers.get_header("WARC-Target-URI"),
                    "date": headers.get_header("WARC-Date"),
                    "payload": payload_label,
                    "length": length,
                }
        except ArchiveLoadFailed as error:
            problems.append("warcio cannot read the file: {}".format(str(error).strip()))
        except (EOFError, ValueError, AttributeError, TypeError, OSError, zlib.error) as error:
            # warcio fails this way on a record cut short inside its headers.
            problems.append("warcio stopped after offset {}: the file is truncated or damaged ({}: {})".format(
                max(records) if records else 0, type(error).__name__, error))
        if getattr(iterator, "err_count", 0):
            problems.append("warcio found {} record(s) whose Content-Length does not fit".format(iterator.err_count))

    for where, target in concurrent:
        if target not in ids:
            problems.append("{}: WARC-Concurrent-To {} names no record of this file".format(where, target))

    index_summary = "no index beside the file"
    if index_path and os.path.exists(index_path):
        with open(index_path, "rb") as index_file:
            lines = index_file.read().split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        if lines != sorted(lines):
            problems.append("{}: the lines are not sorted".format(index_path))
        indexed = set()
        for number, line in enumerate(lines, 1):
            place = "{}:{}".format(index_path, number)
            parts = line.decode("utf-8", "replace").split(" ", 2)
            try:
                key, stamp, fields = parts[0], parts[1], json.loads(parts[2])
                offset, length = int(fields["offset"]), int(fields["length"])
            except (IndexError, ValueError, KeyError) as error:
                problems.append("{}: not a CDXJ line ({})".format(place, error))
                continue
            target = records.get(offset)
            if target is None or target["type"] != "response":
                problems.append("{}: offset {} is not the start of a response record".format(place, offset))
                continue
            indexed.add(offset)
            if target["length"] != length:
                problems.append("{}: length {} but the record takes {} bytes".format(place, length, target["length"]))
            if fields.get("url") != target["uri"]:
                problems.append("{}: url {} but the record is for {}".format(place, fields.get("url"), target["uri"]))
            if stamp != timestamp14(target["date"] or ""):
                problems.append("{}: timestamp {} but WARC-Date is {}".format(place, stamp, target["date"]))
            if target["payload"] and fields.get("digest") not in (target["payload"], target["payload"].split(":")[-1]):
                problems.append("{}: digest {} but WARC-Payload-Digest is {}".format(place, fields.get("digest"), target["payload"]))
            if fields.get("filename") != os.path.basename(path):
                problems.append("{}: filename {} is not {}".format(place, fields.get("filename"), os.path.basename(path)))
        for offset, facts in records.items():
            if facts["type"] == "response" and offset not in indexed:
                problems.append("{}: the response at offset {} has no line".format(index_path, offset))
        index_summary = "index {}: {} lines checked".format(os.path.basename(index_path), len(lines))

    total = sum(counts.values())
    kinds = ", ".join("{} {}".format(count, kind) for kind, count in sorted(counts.items()))
    print("{}: {} records ({})".format(path, total, kinds or "none"))
    print("  block digests verified by warcio: {} of {}".format(blocks, total))
    print("  payload digests verified: {} ({} chunked, checked against the de-chunked body per WARC 1.1)".format(payloads, chunked_checked))
    print("  " + index_summary)
    for note in notes:
        print("  note: " + note)
    for problem in problems:
        print("  PROBLEM: " + problem)
    if total == 0:
        problems.append("no records")
        print("  PROBLEM: no records")
    print("FAILED: {} problem(s)".format(len(problems)) if problems else "OK")
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser(description="Verify a WARC file and its CDXJ index with warcio.")
    parser.add_argument("file")
    parser.add_argument("--index", help="the CDXJ index (default: FILE.cdxj when it exists)")
    arguments = parser.parse_args()
    if not os.path.isfile(arguments.file):
        sys.stderr.write("verify-warc: {} is not a file\n".format(arguments.file))
        return 2
    return verify(arguments.file, arguments.index or arguments.file + ".cdxj")


if __name__ == "__main__":
    sys.exit(main())
