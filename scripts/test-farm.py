#!/usr/bin/env python3
"""A loopback HTTP test farm for pageaudit's live-crawl tests.

    python3 scripts/test-farm.py --hosts N --log FILE [--max-seconds S] [--ignore-stdin]

Serves N "hosts": the same port on 127.0.0.2, 127.0.0.3, ... 127.0.0.(N+1), one threading HTTP/1.1
server per address. Prints one line `READY <port>` on stdout once every address listens. Each
finished request is appended to FILE as one JSON line (flushed at once):

    {"host": "127.0.0.3", "path": "/x?y", "method": "GET", "start": 1767225600.123,
     "end": 1767225600.125, "status": 200, "bytes": 512, "aborted": false,
     "peer": "127.0.0.1:40312", "headers": {"Host": "127.0.0.3:41234", ...}}

`start` is when the request line was read, `end` when the last byte of the response was written
(or when the server saw the client go away); both are Unix times in seconds (time.time()). `status`
is null when no response was sent (/reset). `aborted` is true when the client went away first.

The farm exits by itself after --max-seconds (default 120), and when its stdin reaches end of
file (the parent closed the pipe or died), unless --ignore-stdin is given (for manual runs).
It only ever binds loopback addresses and never connects anywhere. Standard library only.

The routes are listed in ROUTES below and in scripts/README.md.
"""

import argparse
import errno
import gzip
import json
import os
import re
import select
import socket
import struct
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

ROUTES = """\
/robots.txt                      per host: see robots_for()
/ and /page?n=K                  small UTF-8 HTML page linking /contacts, /page?n=K+1, /private/secret and https://vk.com/farm_host<i>
/contacts                        contacts page: postcode address, phone, email, VK link
/private, /private/...           a page robots.txt forbids (served and logged like any other)
/slow?ms=N                       waits N ms (0..20000) before answering 200
/reset                           reads the request, then resets the connection (no response)
/status/<code>                   answers <code> (200..999) with a short HTML body (none for 204/304)
/retry-after?id=X&seconds=S      first request per (host, id): 429 + Retry-After: S (default 1); then 200
/unavailable-once?id=X           first request per (host, id): 503 + Retry-After: 1; then 200
/redirect-loop                   302 Location: /redirect-loop
/redirect?n=K                    302 chain of K redirects (/redirect?n=K-1 ... /), K capped at 100; n=0 is the home page
/redirect-to?url=U&status=C      C (301/302/303/307/308, default 302) with Location: U, verbatim
/endless                         chunked HTML body, a 1 KiB chunk every 10 ms, until the client goes away or 60 s pass
/big?bytes=N                     N bytes (0..2 GiB) of HTML-ish filler with Content-Length
/gzip-bomb                       Content-Encoding: gzip, ~1 MiB that inflates to 1 GiB of zeros, Content-Length
/gzip                            gzip-encoded UTF-8 HTML page (contacts), Transfer-Encoding: chunked
/cp1251                          windows-1251 bytes served as text/html; charset=utf-8 (meta=1 adds <meta charset=windows-1251>)
/method/groups.getById           fake VK API: group_id / group_ids (comma-separated names or numbers)
/method/wall.get                 fake VK API: owner_id (-<id>) or domain, count (default 20, posts available: 8)
anything else                    404
"""

MAX_SLOW_MS = 20000
ENDLESS_SECONDS = 60.0
MAX_BIG_BYTES = 2 * 1024 * 1024 * 1024
MAX_REDIRECTS = 100
MAX_PAGE = 1000
IDLE_TIMEOUT = 30  # seconds a keep-alive connection may sit idle
WRITE_BLOCK = 64 * 1024

# --------------------------------------------------------------------------------------------
# Shared state


class Farm:
    def __init__(self, log_path, hosts):
        self.lock = threading.Lock()
        self.log = open(log_path, "w", encoding="utf-8")
        self.hosts = hosts
        self.port = 0
        self.counters = {}  # (host index, kind, id) -> requests seen
        self.stop = threading.Event()

    def count(self, key):
        """Increments and returns how many times `key` was seen, this one included."""
        with self.lock:
            n = self.counters.get(key, 0) + 1
            self.counters[key] = n
            return n

    def write_log(self, entry):
        line = json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n"
        with self.lock:
            self.log.write(line)
            self.log.flush()

    def host_address(self, index):
        return "127.0.0.%d" % (index + 2)

    def site(self, index):
        return "http://%s:%d/" % (self.host_address(index), self.port)


FARM = None  # set in main()

# --------------------------------------------------------------------------------------------
# Content


def robots_for(index):
    """(status, body) of /robots.txt on host `index` (0 = 127.0.0.2)."""
    default = "User-agent: *\nDisallow: /private\nCrawl-delay: 0\n"
    if index == 1:  # 127.0.0.3: pageaudit may read nothing; others follow the default
        return 200, "User-agent: pageaudit\nDisallow: /\n\n" + default
    if index == 2:  # 127.0.0.4: server error, which RFC 9309 says means "disallow all"
        return 500, "robots.txt is unavailable\n"
    if index == 3:  # 127.0.0.5: not found, which means "allow all"
        return 404, "no robots.txt here\n"
    return 200, default


def phone(index):
    return "+7 (495) 100-%02d-%02d" % (index // 100 % 100, index % 100)


def email(index):
    return "priem@host%d.farm.example.ru" % index


def vk_link(index):
    return "https://vk.com/farm_host%d" % index


def html_page(title, body):
    return ('<!doctype html>\n<html lang="ru">\n<head>\n<meta charset="utf-8">\n<title>%s</title>\n</head>\n'
            "<body>\n%s\n</body>\n</html>\n" % (title, body))


def home_page(index, n=None):
    title = "Администрация тестового узла %d" % index
    if n is not None:
        title += " — страница %d" % n
    nxt = min((n or 0) + 1, MAX_PAGE)
    body = ('<header><a href="/">Главная</a> <a href="/contacts">Контакты</a> '
            '<a href="/page?n=%d">Новости</a></header>\n'
            "<main><h1>%s</h1><p>Сайт испытательного стенда pageaudit.</p></main>\n"
            '<footer><a href="%s">Мы ВКонтакте</a> <a href="/private/secret">Служебный раздел</a></footer>'
            % (nxt, title, vk_link(index)))
    return html_page(title, body)


def contacts_page(index):
    body = ("<h1>Контакты</h1>\n"
            "<p>Почтовый адрес: 101000, г. Москва, ул. Тестовая, д. %d</p>\n"
            "<p>Телефон приёмной: %s</p>\n"
            '<p>Электронная почта: <a href="mailto:%s">%s</a></p>\n'
            '<p><a href="%s">Официальная страница ВКонтакте</a></p>\n'
            '<p><a href="/">На главную</a></p>'
            % (index, phone(index), email(index), email(index), vk_link(index)))
    return html_page("Контакты — тестовый узел %d" % index, body)


def cp1251_page(index, meta):
    head = '<meta charset="windows-1251">\n' if meta else ""
    text = ("<!doctype html>\n<html lang=\"ru\">\n<head>\n%s<title>Контакты в кодировке windows-1251</title>\n"
            "</head>\n<body>\n<h1>Контакты</h1>\n<p>Телефон приёмной: %s</p>\n"
            "<p>Электронная почта: %s</p>\n<p>Адрес: 101000, г. Москва, ул. Тестовая, д. %d</p>\n"
            '<p><a href="%s">Мы ВКонтакте</a></p>\n</body>\n</html>\n'
            % (head, phone(index), email(index), index, vk_link(index)))
    return text.encode("cp1251")


def make_gzip_bomb():
    """A valid gzip member of 1 GiB of zeros, ~1 MiB long, built in milliseconds.

    A 1 MiB block of zeros is deflated once and closed with a full flush, which byte-aligns the
    output and resets the compressor, so the same bytes stand for every further 1 MiB of zeros.
    """
    zeros = bytes(1 << 20)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)
    final = c.flush(zlib.Z_FINISH)  # an empty final block
    crc = 0x5B64C2B0  # zlib.crc32 of 2**30 zero bytes (constant; computing it takes ~1 s)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    return header + block * 1024 + final + struct.pack("<II", crc, (1 << 30) & 0xFFFFFFFF)


GZIP_BOMB = None  # built in main()

# --------------------------------------------------------------------------------------------
# Fake VK API

VK_SPECIAL = {"deleted": "deleted", "banned": "banned"}


def vk_identity(value):
    """(numeric id, screen name) for a group_id / domain value."""
    s = value.strip().lower()
    m = re.fullmatch(r"-?(?:club|public|event)?(\d+)", s)
    if m:
        gid = int(m.group(1))
        return gid, "club%d" % gid
    return 170000000 + zlib.crc32(s.encode("utf-8")) % 1000000, s


def vk_group(value, serving_index):
    gid, screen = vk_identity(value)
    m = re.fullmatch(r"farm_host(\d+)", screen)
    index = int(m.group(1)) if m else serving_index
    if screen in VK_SPECIAL:
        return {"id": gid, "name": "DELETED", "screen_name": screen, "is_closed": 0, "type": "group",
                "deactivated": VK_SPECIAL[screen]}
    name = "Администрация тестового узла %d" % index
    site = FARM.site(index)
    return {
        "id": gid,
        "name": name,
        "screen_name": screen,
        "is_closed": 1 if screen == "closed" else 0,
        "type": "page",
        "verified": 1,
        "is_government_organization": True,
        "description": "Официальная страница. Сайт: %s. Приёмная: %s, e-mail: %s" % (site, phone(index), email(index)),
        "site": site,
        "contacts": [{"desc": "Приёмная", "phone": phone(index), "email": email(index)}],
        "addresses": {"is_enabled": True, "main_address_id": 1, "count": 1,
                      "main_address": {"id": 1, "title": name, "address": "ул. Тестовая, д. %d" % index,
                                       "city": {"id": 1, "title": "Москва"}, "phone": phone(index)}},
        "cover": {"enabled": 1, "images": [{"url": "https://sun9-1.userapi.com/farm/cover.jpg",
                                            "width": 1920, "height": 768}]},
        "wall": 1,
        "can_post": 0,
        "has_photo": 1,
        "members_count": 1000 + index,
        "photo_200": "https://sun9-1.userapi.com/farm/avatar_200.jpg",
    }


def vk_error(code, message, method):
    return {"error": {"error_code": code, "error_msg": message,
                      "request_params": [{"key": "method", "value": method}, {"key": "v", "value": "5.199"}]}}


def vk_answer(method, query, serving_index):
    if method == "groups.getById":
        raw = ",".join(query.get("group_ids", []) + query.get("group_id", []))
        ids = [x for x in (s.strip() for s in raw.split(",")) if x]
        if not ids:
            return vk_error(100, "One of the parameters specified was missing or invalid: group_ids is undefined", method)
        if "ratelimited" in (x.lower() for x in ids):
            if FARM.count((serving_index, "vk-ratelimited", method)) <= 2:
                return vk_error(6, "Too many requests per second", method)
        return {"response": {"groups": [vk_group(x, serving_index) for x in ids], "profiles": []}}
    if method == "wall.get":
        owner = (query.get("owner_id") or query.get("domain") or [""])[0]
        if not owner.strip():
            return vk_error(100, "One of the parameters specified was missing or invalid: owner_id is undefined", method)
        gid, _ = vk_identity(owner)
        try:
            count = max(0, min(100, int((query.get("count") or ["20"])[0])))
        except ValueError:
            count = 20
        now = int(time.time())
        items = [{"id": 100 - k, "from_id": -gid, "owner_id": -gid, "date": now - 3600 - k * 2 * 86400,
                  "post_type": "post", "text": "Новость номер %d" % (100 - k),
                  "comments": {"count": 0, "can_post": 1}} for k in range(8)]
        return {"response": {"count": len(items), "items": items[:count]}}
    return vk_error(3, "Unknown method passed", method)

# --------------------------------------------------------------------------------------------
# HTTP


class ClientGone(Exception):
    pass


class FarmHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "pageaudit-test-farm/1"
    sys_version = ""
    timeout = IDLE_TIMEOUT

    def log_message(self, format, *args):  # no per-request noise on stderr
        pass

    def parse_request(self):
        # Called right after the request line is read: the start of this request.
        self._start = time.time()
        self._status = None
        self._bytes = 0
        self._aborted = False
        return super().parse_request()

    def send_response(self, code, message=None):
        self._status = code
        super().send_response(code, message)

    # -- plumbing --

    @property
    def index(self):
        return self.server.farm_index

    def write(self, data):
        self.wfile.write(data)
        self._bytes += len(data)

    def respond(self, status, body=b"", content_type="text/html; charset=utf-8", headers=()):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.send_response(status)
        if status not in (204, 304):
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if status not in (204, 304):
            self.write(body)

    def client_gone(self, wait=0.0):
        """True if the client closed its side; waits up to `wait` seconds for that to happen."""
        try:
            readable, _, _ = select.select([self.connection], [], [], wait)
            if not readable:
                return False
            if self.connection.recv(1, socket.MSG_PEEK) == b"":
                return True
            time.sleep(wait)  # the client sent more (pipelining): not gone, keep the pace
            return False
        except (OSError, ValueError):
            return True

    def log_entry(self):
        headers = {}
        for name, value in self.headers.items():
            headers[name] = headers[name] + ", " + value if name in headers else value
        peer = self.client_address
        FARM.write_log({
            "host": FARM.host_address(self.index),
            "path": self.path,
            "method": self.command,
            "start": self._start,
            "end": time.time(),
            "status": self._status,
            "bytes": self._bytes,
            "aborted": self._aborted,
            "peer": "%s:%d" % (peer[0], peer[1]) if isinstance(peer, tuple) else str(peer),
            "headers": headers,
        })

    # -- methods --

    def do_GET(self):
        try:
            self.route()
        except ClientGone:
            self._aborted = True
            self.close_connection = True
        except (OSError, ValueError):  # broken pipe, reset, timeout while writing
            self._aborted = True
            self.close_connection = True
        finally:
            self.log_entry()

    def do_HEAD(self):
        try:
            self.send_response(405)
            self.send_header("Allow", "GET")
            self.send_header("Content-Length", "0")
            self.end_headers()
        finally:
            self.log_entry()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_HEAD

    # -- routes --

    def route(self):
        parts = urlsplit(self.path)
        path = parts.path
        query = parse_qs(parts.query, keep_blank_values=True)

        def arg(name, default=""):
            return (query.get(name) or [default])[0]

        def int_arg(name, default, low, high):
            try:
                return max(low, min(high, int(arg(name, str(default)))))
            except ValueError:
                return default

        index = self.index
        if path == "/robots.txt":
            status, text = robots_for(index)
            return self.respond(status, text, "text/plain; charset=utf-8")
        if path in ("/", "/index.html"):
            return self.respond(200, home_page(index))
        if path == "/page":
            return self.respond(200, home_page(index, int_arg("n", 1, 0, MAX_PAGE)))
        if path == "/contacts":
            return self.respond(200, contacts_page(index))
        if path == "/private" or path.startswith("/private/"):
            return self.respond(200, html_page("Секрет", "<p>Robots.txt forbids this page.</p>"))
        if path == "/slow":
            ms = int_arg("ms", 1000, 0, MAX_SLOW_MS)
            deadline = self._start + ms / 1000.0
            for _ in range(MAX_SLOW_MS // 50 + 2):  # bounded: each pass waits or ends
                remaining = deadline - time.time()
                if remaining <= 0:
                    break
                if self.client_gone(min(remaining, 0.05)):
                    raise ClientGone()
            return self.respond(200, html_page("Медленно", "<p>Answered after %d ms.</p>" % ms))
        if path == "/reset":
            self.close_connection = True
            self._aborted = False
            # SO_LINGER 0 turns close() into a TCP RST; detach so nothing writes or shuts down after.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            os.close(self.connection.detach())
            return None
        m = re.fullmatch(r"/status/(\d{3})", path)
        if m:
            code = int(m.group(1))
            if code < 200:
                return self.respond(400, "<p>/status/ takes 200..999</p>")
            return self.respond(code, html_page("Статус %d" % code, "<h1>%d</h1>" % code))
        if path == "/retry-after":
            seconds = re.sub(r"[\r\n]", "", arg("seconds", "1")) or "1"
            if FARM.count((index, "retry-after", arg("id"))) == 1:
                return self.respond(429, html_page("429", "<p>Too many requests</p>"),
                                    headers=[("Retry-After", seconds)])
            return self.respond(200, html_page("Готово", "<p>Retry honoured.</p>"))
        if path == "/unavailable-once":
            if FARM.count((index, "unavailable-once", arg("id"))) == 1:
                return self.respond(503, html_page("503", "<p>Service unavailable</p>"),
                                    headers=[("Retry-After", "1")])
            return self.respond(200, html_page("Готово", "<p>Available again.</p>"))
        if path == "/redirect-loop":
            return self.respond(302, "<p>loop</p>", headers=[("Location", "/redirect-loop")])
        if path == "/redirect":
            n = int_arg("n", 1, 0, MAX_REDIRECTS)
            if n == 0:
                return self.respond(200, home_page(index))
            target = "/" if n == 1 else "/redirect?n=%d" % (n - 1)
            return self.respond(302, "<p>redirect</p>", headers=[("Location", target)])
        if path == "/redirect-to":
            url = re.sub(r"[\r\n]", "", arg("url"))
            code = int_arg("status", 302, 0, 999)
            if not url or code not in (301, 302, 303, 307, 308):
                return self.respond(400, "<p>/redirect-to needs url= and status 301/302/303/307/308</p>")
            return self.respond(code, "<p>redirect</p>", headers=[("Location", url)])
        if path == "/endless":
            return self.endless()
        if path == "/big":
            return self.big(int_arg("bytes", 1024, 0, MAX_BIG_BYTES))
        if path == "/gzip-bomb":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(GZIP_BOMB)))
            self.end_headers()
            view = memoryview(GZIP_BOMB)
            for offset in range(0, len(view), WRITE_BLOCK):
                self.write(view[offset:offset + WRITE_BLOCK])
            return None
        if path == "/gzip":
            body = gzip.compress(contacts_page(index).encode("utf-8"), mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            step = max(1, len(body) // 3 + 1)
            for offset in range(0, len(body), step):
                piece = body[offset:offset + step]
                self.write(b"%x\r\n" % len(piece) + piece + b"\r\n")
            self.write(b"0\r\n\r\n")
            return None
        if path == "/cp1251":
            return self.respond(200, cp1251_page(index, arg("meta") == "1"))
        m = re.fullmatch(r"/method/([A-Za-z]+\.[A-Za-z]+)", path)
        if m:
            answer = vk_answer(m.group(1), query, index)
            return self.respond(200, json.dumps(answer, ensure_ascii=False), "application/json; charset=utf-8")
        return self.respond(404, html_page("Не найдено", "<h1>404</h1>"))

    def endless(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.close_connection = True
        line = b"<p>" + b"x" * 1016 + b"</p>\n"  # 1 KiB
        chunk = b"%x\r\n" % len(line) + line + b"\r\n"
        self.write(b"%x\r\n" % 16 + b"<!doctype html>\n" + b"\r\n")
        limit = time.time() + ENDLESS_SECONDS
        for _ in range(int(ENDLESS_SECONDS * 100) + 1):  # bounded by the 60 s budget
            if time.time() >= limit or FARM.stop.is_set():
                break
            if self.client_gone(0.01):
                raise ClientGone()
            self.write(chunk)
        # Never a last-chunk: the body does not end, the connection just closes.

    def big(self, size):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        prefix = b"<!doctype html>\n<html><body><pre>\n"
        block = (b"x" * 63 + b"\n") * (WRITE_BLOCK // 64)
        first = prefix + block[len(prefix):]
        sent = 0
        for _ in range(size // WRITE_BLOCK + 1):
            if sent >= size:
                break
            piece = (first if sent == 0 else block)[:size - sent]
            self.write(piece)
            sent += len(piece)


class FarmServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, index):
        self.farm_index = index
        super().__init__(address, FarmHandler)


def bind_all(hosts, attempts=50):
    """One server per address, all on the same port: the first picks it, the others follow."""
    last_error = None
    for _ in range(attempts):
        servers = []
        try:
            first = FarmServer(("127.0.0.2", 0), 0)
            servers.append(first)
            port = first.server_address[1]
            for index in range(1, hosts):
                servers.append(FarmServer(("127.0.0.%d" % (index + 2), port), index))
            return port, servers
        except OSError as error:
            last_error = error
            for server in servers:
                server.server_close()
            if error.errno != errno.EADDRINUSE:
                break
    raise SystemExit("test-farm: cannot bind %d hosts on one port: %s" % (hosts, last_error))


def watch_stdin():
    """Ends the farm when stdin reaches end of file (the parent closed it or died)."""
    try:
        while os.read(0, 4096):  # bounded: the farm's lifetime ends this thread anyway
            pass
    except OSError:
        pass
    FARM.stop.set()


def main():
    global FARM, GZIP_BOMB
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hosts", type=int, default=5, help="number of hosts, 1..250 (127.0.0.2 on)")
    parser.add_argument("--log", help="JSON-lines request log, truncated at start (required)")
    parser.add_argument("--max-seconds", type=float, default=120.0, help="lifetime in seconds (default 120)")
    parser.add_argument("--ignore-stdin", action="store_true", help="do not exit when stdin closes")
    parser.add_argument("--routes", action="store_true", help="print the route list and exit")
    args = parser.parse_args()
    if args.routes:
        sys.stdout.write(ROUTES)
        return
    if not args.log:
        parser.error("--log FILE is required")
    if not 1 <= args.hosts <= 250:
        parser.error("--hosts must be 1..250")
    if not 0 < args.max_seconds <= 24 * 3600:
        parser.error("--max-seconds must be in (0, 86400]")

    FARM = Farm(args.log, args.hosts)
    GZIP_BOMB = make_gzip_bomb()
    port, servers = bind_all(args.hosts)
    FARM.port = port
    for server in servers:
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.25}, daemon=True).start()
    if not args.ignore_stdin:
        threading.Thread(target=watch_stdin, daemon=True).start()
    sys.stdout.write("READY %d\n" % port)
    sys.stdout.flush()
    FARM.stop.wait(timeout=args.max_seconds)
    try:
        FARM.log.flush()
    finally:
        os._exit(0)  # daemon threads (slow or endless answers) end with the process


if __name__ == "__main__":
    main()
