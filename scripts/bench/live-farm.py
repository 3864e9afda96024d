#!/usr/bin/env python3
"""Loopback farm, fast client and log analysis for the live crawl benchmark (scripts/bench/live.sh).

    live-farm.py serve   --hosts 200 --rounds 5 --latency-ms 50 --scenario full --log LOG --registry CSV
    live-farm.py probe   --port P --hosts 200 --connections 256 --seconds 5     (the farm alone, no politeness)
    live-farm.py analyze --log LOG --concurrency C --latency-ms 50 --interval 0.05 --api-interval 0.05 [--t0 T --t1 T]

serve
    Binds one port on 127.0.0.1 (the fake VK API host) and on 127.0.0.2 ... 127.0.0.(hosts+1) (the
    websites), writes a registry CSV (the format of snapshots/demo/registry.csv) of hosts x rounds
    fictional agencies, prints `READY <port>` and serves until its stdin closes (or --max-seconds).
    Agency i = round * hosts + host + 1 lives on host `host`; round 0 at "/", round r > 0 under "/r<r>/".
    The registry lists agencies round by round, so consecutive agencies live on different hosts.

    Every answer is delayed by --latency-ms (asyncio.sleep after the request head is read), then
    written in one piece; bodies are pre-rendered at start-up, so a request costs the farm little
    CPU. Per agency the farm serves:
      <prefix>                  home page: the 80-200 KB 1C-Bitrix page of scripts/bench/generate-set.py
                                (the same generator and seed as the offline benchmark), links rewritten
                                under <prefix>; it links the contacts page, an "О нас" page and (scenarios
                                `linked`, `full`) the agency's VK community; no Telegram link
      <prefix><contacts path>   contacts page (/contacts/, /kontakty/ or /about/contacts/)
      <prefix>section-1/        the "О нас" page (a small Bitrix page)
    per host:  /robots.txt     "User-agent: *" / "Allow: /" (allow all, no Crawl-delay)
    API host:  /method/groups.getById?group_ids=a,b,...   (names or numbers, batched)
               /method/wall.get?owner_id=-ID | domain=NAME
               (the answers of generate-set.py, as compact one-line JSON like api.vk.com's;
               --api-json pretty indents them as the offline set stores them)
               /robots.txt (allow all)
    other pages of an agency's menu and news list (/section-N/, /press/news/N/, /docs/ ...): a generic
    inner page; anything else: 404.

    Scenarios: `web` (default): no VK column in the registry and no VK link on the pages, so only
    websites are crawled. `linked`: the registry declares no VK page, but every home page links its
    community, so a crawler asks groups.getById?group_id=X and wall.get for each agency. `full`: the
    registry declares every community too (as snapshots/demo does), so pageaudit batches
    groups.getById for the whole registry before the audit. --page small replaces the home page by
    a 2 KB page with the same links (to separate the crawler's cost from the page analysis).

    Log: one line per answered request, tab-separated: host, path, start, end, status, bytes,
    peer. `start` = the request head was read, `end` = the answer was handed to the kernel
    (after drain). Times are time.time() seconds. Lines are buffered in memory and appended to the
    log every 0.5 s and at exit. With --procs P the hosts are split over P forked processes, each
    appending to LOG.<k>; `analyze` reads LOG and LOG.* alike.

probe
    A plain asyncio client with N keep-alive connections spread round-robin over the hosts, each
    asking for home pages back to back, ignoring politeness: shows how many answers per second the
    farm itself sustains (ideal: N / latency).

analyze
    Reads the log(s) and prints a JSON object: requests by kind, the crawl window (first start to
    last end), the politeness check (overlapping requests per host, smallest gap between the starts
    of two requests to one host) and the ideal time for the same requests.

    The ideal: every request takes exactly the latency L; at most C requests are in flight; per host
    one at a time and starts at least I apart (the API host: I_api). For the same per-host request
    counts the log shows, the requests of one host form a chain (its requests can only run one after
    another), and the shortest schedule is found by simulating "start the host with the most
    requests left first" (Hu's rule, optimal for unit-time chains when I <= L). No other dependency
    is assumed (an agency's home page before its contacts page, the VK API batch before wall.get)
    so the ideal is a lower bound on time. ideal rate = requests / ideal time.

Standard library only. Reuses scripts/bench/generate-set.py for the page content.
"""

import argparse
import asyncio
import csv
import glob
import heapq
import importlib.util
import io
import json
import os
import re
import signal
import socket
import sys
import time
from urllib.parse import parse_qs, unquote, urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
API_ADDRESS = "127.0.0.1"


def host_address(index):
    return "127.0.0.%d" % (index + 2)


def load_generator():
    spec = importlib.util.spec_from_file_location("generate_set", os.path.join(HERE, "generate-set.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------------------------
# Content


def response_bytes(status, body, content_type="text/html; charset=utf-8"):
    reason = {200: "OK", 404: "Not Found", 400: "Bad Request"}.get(status, "OK")
    if isinstance(body, str):
        body = body.encode("utf-8")
    head = ("HTTP/1.1 %d %s\r\nServer: pageaudit-live-farm/1\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n"
            % (status, reason, content_type, len(body)))
    return head.encode("ascii") + body


ROBOTS = response_bytes(200, "User-agent: *\nAllow: /\n", "text/plain; charset=utf-8")
NOT_FOUND = response_bytes(404, "<!doctype html><html><head><title>404</title></head><body><h1>Не найдено</h1></body></html>\n")


def about_page(a):
    text = ("<p>%s осуществляет полномочия в установленной сфере деятельности. Руководитель: %s, %s.</p>\n"
            % (a["name"], a["head_title"], a["head"])) * 12
    return ('<!DOCTYPE html>\n<html lang="ru">\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />\n'
            '<title>О нас — %s</title>\n</head>\n<body>\n<header class="header"><a href="/">Главная</a></header>\n'
            '<main class="main"><h1>О нас</h1>\n%s<p>Почтовый адрес: %s</p>\n</main>\n</body>\n</html>\n'
            % (a["name"], text, a["address"]))


def inner_page(a):
    items = "".join('<li><a href="/docs/">Документ %d: приказ об утверждении порядка</a></li>\n' % k for k in range(40))
    return ('<!DOCTYPE html>\n<html lang="ru">\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />\n'
            '<title>%s</title>\n</head>\n<body>\n<header class="header"><a href="/">Главная</a> <a href="%s">Контакты</a></header>\n'
            '<main class="main"><h1>Раздел сайта</h1>\n<ul>%s</ul>\n</main>\n<footer>%s, %s</footer>\n</body>\n</html>\n'
            % (a["name"], a["contacts_path"], items, a["address"], a["phone"]))


def small_home(a, vk_url, contacts_path):
    links = '<a href="/">Главная</a> <a href="/section-1/">О нас</a> <a href="%s">Контакты</a>' % contacts_path
    if vk_url:
        links += ' <a href="%s">Мы ВКонтакте</a>' % vk_url
    return ('<!DOCTYPE html>\n<html lang="ru">\n<head>\n<meta charset="utf-8">\n<title>%s</title>\n</head>\n<body>\n'
            '<nav>%s</nav>\n<main><h1>%s</h1><p>Официальный сайт. %s</p></main>\n'
            '<footer><p>%s</p><p>Приёмная: %s</p><p>E-mail: <a href="mailto:%s">%s</a></p></footer>\n</body>\n</html>\n'
            % (a["name"], links, a["name"], "Новости, документы, услуги. " * 20, a["address"], a["phone"], a["email"], a["email"]))


def prefixed(html, prefix):
    """Root-relative links of a round-r page moved under its prefix (round 0: unchanged)."""
    if prefix == "/":
        return html
    return re.sub(r'(href|action)="/(?!/)', lambda m: '%s="%s' % (m.group(1), prefix), html)


class Content:
    def __init__(self, hosts, rounds, port, scenario, page, seed, api_json="compact"):
        # api.vk.com answers compact JSON on one line; "pretty" re-indents it (as the offline set stores it).
        self.indent = 2 if api_json == "pretty" else None
        gen = load_generator()
        pools = gen.Pools(seed)
        self.port = port
        self.pages = [dict() for _ in range(hosts)]  # host -> path -> response bytes
        self.inner = [dict() for _ in range(hosts)]  # host -> agency prefix -> generic inner page
        self.groups = {}    # "123" or "screen" -> group object
        self.walls = {}     # "-123" or "screen" -> wall.get response bytes
        self.rows = []      # registry rows
        self.vk = []        # the VK community each agency's home page links ("" in scenario web)
        for r in range(rounds):
            for h in range(hosts):
                i = r * hosts + h + 1
                a = gen.agency(i, seed)
                a["tg"] = None  # t.me cannot be served from loopback: no Telegram link anywhere
                prefix = "/" if r == 0 else "/r%d/" % r
                site = "http://%s:%d%s" % (host_address(h), port, prefix)
                a["host"] = "%s:%d" % (host_address(h), port)
                vk_url = ("https://vk.com/club%d" % a["group_id"]) if a["vk_by_number"] else ("https://vk.com/" + a["screen"])
                if page == "small":
                    home = small_home(a, None if scenario == "web" else vk_url, a["contacts_path"])
                else:
                    home = gen.home_page(a, pools)
                    if scenario == "web":  # no VK link: the social icons point to a plain news page
                        home = home.replace(vk_url, "/press/")
                # The Bitrix menu always has "О нас" at /section-1/ unless the random trim dropped it.
                pages = self.pages[h]
                pages[prefix] = response_bytes(200, prefixed(home, prefix))
                pages[prefix + a["contacts_path"][1:]] = response_bytes(200, prefixed(gen.contacts_page(a), prefix))
                pages[prefix + "section-1/"] = response_bytes(200, prefixed(about_page(a), prefix))
                self.inner[h][prefix] = response_bytes(200, prefixed(inner_page(a), prefix))
                if scenario != "web":
                    group = json.loads(gen.vk_groups(a))["response"]["groups"][0]
                    group["site"] = site
                    group["description"] = group["description"].replace("https://" + a["host"], site.rstrip("/"))
                    group["links"] = [{"id": 1, "url": site.rstrip("/") + "/" + a["contacts_path"].lstrip("/"), "name": "Контакты"}]
                    self.groups[str(a["group_id"])] = group
                    self.groups[a["screen"].lower()] = group
                    wall = response_bytes(200, json.dumps(json.loads(gen.vk_wall(a)), ensure_ascii=False, indent=self.indent),
                                          "application/json; charset=utf-8")
                    self.walls["-%d" % a["group_id"]] = wall
                    self.walls[a["screen"].lower()] = wall
                self.rows.append([a["id"], a["name"], a["kind"], a["region"], a["tz"], site,
                                  vk_url if scenario == "full" else "", "", "", ""])
                self.vk.append(vk_url if scenario != "web" else "")

    def registry_csv(self):
        out = io.StringIO()
        w = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(["id", "name", "kind", "region", "timezone", "website", "vk", "ok", "telegram", "max"])
        w.writerows(self.rows)
        return out.getvalue()

    def api(self, target):
        parts = urlsplit(target)
        query = parse_qs(parts.query, keep_blank_values=True)
        if parts.path == "/robots.txt":
            return ROBOTS
        if parts.path == "/method/groups.getById":
            raw = ",".join(query.get("group_ids", []) + query.get("group_id", []))
            ids = [x.strip().lower() for x in raw.split(",") if x.strip()]
            ids = [x[4:] if re.fullmatch(r"club\d+", x) else x for x in ids]
            found = [self.groups[x] for x in ids if x in self.groups]
            return response_bytes(200, json.dumps({"response": {"groups": found, "profiles": []}}, ensure_ascii=False, indent=self.indent),
                                  "application/json; charset=utf-8")
        if parts.path == "/method/wall.get":
            key = (query.get("owner_id") or query.get("domain") or [""])[0].strip().lower()
            if key in self.walls:
                return self.walls[key]
            return response_bytes(200, json.dumps({"error": {"error_code": 100, "error_msg": "no such wall"}}),
                                  "application/json; charset=utf-8")
        return NOT_FOUND

    def site(self, index, target):
        path = unquote(urlsplit(target).path)
        if path == "/robots.txt":
            return ROBOTS
        found = self.pages[index].get(path)
        if found is not None:
            return found
        # Any other page of an agency's menu or news list ("/press/news/10108/", "/section-4/2/"): a
        # generic inner page of that agency (pageaudit reads a news item whose title says "приёмная").
        m = re.match(r"/(r\d+/)?", path)
        if path.endswith("/") and re.fullmatch(r"/(r\d+/)?(section-\d+/(\d+/)?|press/(news/(\d+/)?)?|docs/|sitemap/|policy/|search/)", path):
            return self.inner[index].get(m.group(0), NOT_FOUND)
        return NOT_FOUND


# --------------------------------------------------------------------------------------------
# Server


class Log:
    def __init__(self, path):
        self.file = open(path, "a", encoding="utf-8")
        self.lines = []

    def add(self, host, target, start, end, status, size, peer):
        self.lines.append("%s\t%s\t%.6f\t%.6f\t%d\t%d\t%s\n" % (host, target.replace("\t", " "), start, end, status, size, peer))

    def flush(self):
        if self.lines:
            self.file.write("".join(self.lines))
            self.lines = []
            self.file.flush()


async def handle(reader, writer, content, index, host, latency, log):
    peer = writer.get_extra_info("peername")
    peer = "%s:%d" % peer[:2] if isinstance(peer, tuple) else str(peer)
    try:
        while True:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                return
            start = time.time()
            line_end = head.find(b"\r\n")
            parts = head[:line_end].split(b" ")
            target = parts[1].decode("latin-1") if len(parts) >= 2 else "/"
            close = b"\r\nconnection: close" in head.lower()
            body = content.api(target) if index is None else content.site(index, target)
            if latency > 0:
                await asyncio.sleep(latency)
            writer.write(body)
            await writer.drain()
            status = int(body[9:12])
            log.add(host, target, start, time.time(), status, len(body), peer)
            if close:
                return
    except (ConnectionError, OSError):
        return
    finally:
        try:
            writer.close()
        except Exception:
            pass


def bind(address, port):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((address, port))
    s.listen(1024)
    s.setblocking(False)
    return s


def bind_all(hosts, port=0, attempts=50):
    last = None
    for _ in range(attempts):
        socks = []
        try:
            first = bind(API_ADDRESS, port)
            socks.append((None, API_ADDRESS, first))
            chosen = first.getsockname()[1]
            for h in range(hosts):
                socks.append((h, host_address(h), bind(host_address(h), chosen)))
            return chosen, socks
        except OSError as error:
            last = error
            for _, _, s in socks:
                s.close()
            if port:
                break
    raise SystemExit("live-farm: cannot bind %d hosts on one port: %s" % (hosts, last))


async def serve_loop(socks, content, latency, log, stop_after, watch_stdin):
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for index, host, s in socks:
        await asyncio.start_server(
            lambda r, w, index=index, host=host: handle(r, w, content, index, host, latency, log),
            sock=s, limit=65536)

    def flusher():
        log.flush()
        loop.call_later(0.5, flusher)
    loop.call_later(0.5, flusher)
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    if watch_stdin:
        def on_stdin():
            try:
                data = os.read(0, 4096)
            except OSError:
                data = b""
            if not data:
                loop.remove_reader(0)
                stop.set()
        loop.add_reader(0, on_stdin)
    try:
        await asyncio.wait_for(stop.wait(), timeout=stop_after)
    except asyncio.TimeoutError:
        pass
    log.flush()


def cmd_serve(args):
    if not 1 <= args.hosts <= 253:
        raise SystemExit("--hosts must be 1..253 (127.0.0.2 ... 127.0.0.254)")
    port, socks = bind_all(args.hosts, args.port)
    t = time.time()
    content = Content(args.hosts, args.rounds, port, args.scenario, args.page, args.seed, args.api_json)
    built = time.time() - t
    if args.registry:
        with open(args.registry, "w", encoding="utf-8", newline="") as f:
            f.write(content.registry_csv())
    open(args.log, "w").close()
    for old in glob.glob(args.log + ".*"):
        os.remove(old)
    procs = max(1, args.procs)
    children = []
    mine = socks
    if procs > 1:
        for k in range(procs):
            part = socks[k::procs]
            pid = os.fork()
            if pid == 0:
                for _, _, s in socks:
                    if all(s is not p[2] for p in part):
                        s.close()
                log = Log("%s.%d" % (args.log, k))
                asyncio.run(serve_loop(part, content, args.latency_ms / 1000.0, log, args.max_seconds, False))
                os._exit(0)
            children.append(pid)
        mine = []
    sys.stdout.write("READY %d\n" % port)
    sys.stdout.flush()
    sys.stderr.write("live-farm: %d hosts x %d rounds = %d agencies, scenario %s, page %s, latency %d ms, %d process(es), content built in %.1f s\n"
                     % (args.hosts, args.rounds, len(content.rows), args.scenario, args.page, args.latency_ms, procs, built))
    if mine:
        log = Log(args.log)
        asyncio.run(serve_loop(mine, content, args.latency_ms / 1000.0, log, args.max_seconds, not args.ignore_stdin))
    else:
        # The parent only watches stdin and the clock, then stops the children.
        deadline = time.time() + args.max_seconds
        try:
            while time.time() < deadline:
                if args.ignore_stdin:
                    time.sleep(0.5)
                    continue
                import select
                r, _, _ = select.select([0], [], [], 0.5)
                if r and not os.read(0, 4096):
                    break
        except KeyboardInterrupt:
            pass
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for pid in children:
            os.waitpid(pid, 0)


# --------------------------------------------------------------------------------------------
# Probe: the farm alone


async def probe(args):
    hosts = [host_address(h) for h in range(args.hosts)]
    deadline = time.time() + args.seconds
    counts = []
    sizes = []

    async def worker(k):
        host = hosts[k % len(hosts)]
        reader, writer = await asyncio.open_connection(host, args.port)
        n = 0
        size = 0
        request = ("GET %s HTTP/1.1\r\nHost: %s:%d\r\n\r\n" % (args.path, host, args.port)).encode()
        while time.time() < deadline:
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            m = re.search(rb"(?i)content-length: (\d+)", head)
            body = await reader.readexactly(int(m.group(1)))
            n += 1
            size += len(head) + len(body)
        writer.close()
        counts.append(n)
        sizes.append(size)

    t0 = time.time()
    await asyncio.gather(*(worker(k) for k in range(args.connections)))
    elapsed = time.time() - t0
    total = sum(counts)
    print(json.dumps({"connections": args.connections, "seconds": round(elapsed, 3), "requests": total,
                      "rate": round(total / elapsed, 1), "ideal_rate": round(args.connections / (args.latency_ms / 1000.0), 1),
                      "percent_of_ideal": round(100 * total / elapsed / (args.connections / (args.latency_ms / 1000.0)), 1),
                      "MB_per_s": round(sum(sizes) / elapsed / 1e6, 1)}))


# --------------------------------------------------------------------------------------------
# Analysis


def read_log(path, t0=None, t1=None):
    rows = []
    for name in [path] + sorted(glob.glob(path + ".*")):
        with open(name, encoding="utf-8") as f:
            for line in f:
                p = line.rstrip("\n").split("\t")
                if len(p) < 7:
                    continue
                start, end = float(p[2]), float(p[3])
                if (t0 is not None and start < t0) or (t1 is not None and start > t1):
                    continue
                rows.append((p[0], p[1], start, end, int(p[4]), int(p[5]), p[6]))
    return rows


def kind(host, target):
    path = urlsplit(target).path
    if path == "/robots.txt":
        return "robots"
    if host == API_ADDRESS:
        return "api:" + path.rsplit("/", 1)[-1]
    if re.fullmatch(r"/(r\d+/)?", path):
        return "home"
    if path.endswith("section-1/"):
        return "about"
    if re.search(r"/(contacts|kontakty)/$", path):
        return "contacts"
    return "other"


def ideal_time(chains, concurrency, latency, interval, api_interval):
    """Shortest schedule of per-host chains (see the module doc): returns seconds."""
    # Event simulation: free slots go to the ready host with the most requests left.
    remaining = dict(chains)
    spacing = {h: max(latency, api_interval if h == API_ADDRESS else interval) for h in remaining}
    next_ok = {h: 0.0 for h in remaining}
    ready = [(-n, h) for h, n in remaining.items() if n > 0]
    heapq.heapify(ready)
    waiting = []   # (time the host may start again, host)
    running = []   # end times
    now = 0.0
    finish = 0.0
    while ready or waiting or running:
        while waiting and waiting[0][0] <= now + 1e-12:
            _, h = heapq.heappop(waiting)
            heapq.heappush(ready, (-remaining[h], h))
        while ready and len(running) < concurrency:
            _, h = heapq.heappop(ready)
            remaining[h] -= 1
            end = now + latency
            heapq.heappush(running, end)
            finish = max(finish, end)
            if remaining[h] > 0:
                heapq.heappush(waiting, (max(end, now + spacing[h]), h))
        candidates = [t for t in (running[0] if running else None, waiting[0][0] if waiting else None) if t is not None]
        if not candidates:
            break
        now = max(now, min(candidates))
        while running and running[0] <= now + 1e-12:
            heapq.heappop(running)
    return finish


def cmd_analyze(args):
    rows = read_log(args.log, args.t0, args.t1)
    if not rows:
        print(json.dumps({"requests": 0}))
        return
    by_kind = {}
    by_host = {}
    for r in rows:
        by_kind[kind(r[0], r[1])] = by_kind.get(kind(r[0], r[1]), 0) + 1
        by_host.setdefault(r[0], []).append(r)
    overlaps = 0
    min_gap = None
    min_gap_api = None
    for host, items in by_host.items():
        items.sort(key=lambda r: r[2])
        for a, b in zip(items, items[1:]):
            if b[2] < a[3] - 1e-6:
                overlaps += 1
            gap = b[2] - a[2]
            if host == API_ADDRESS:
                min_gap_api = gap if min_gap_api is None else min(min_gap_api, gap)
            else:
                min_gap = gap if min_gap is None else min(min_gap, gap)
    # Requests in flight at once over all hosts, as the farm saw them (at most C expected).
    events = sorted([(r[2], 1) for r in rows] + [(r[3], -1) for r in rows])
    in_flight = max_in_flight = 0
    for _, step in events:
        in_flight += step
        max_in_flight = max(max_in_flight, in_flight)
    first = min(r[2] for r in rows)
    last = max(r[3] for r in rows)
    window = last - first
    latency = args.latency_ms / 1000.0
    chains = {h: len(v) for h, v in by_host.items()}
    ideal = ideal_time(chains, args.concurrency, latency, args.interval, args.api_interval)
    # The bounds the ideal is made of, for the write-up.
    site_requests = sum(n for h, n in chains.items() if h != API_ADDRESS)
    api_requests = chains.get(API_ADDRESS, 0)
    served = sum(1 for r in rows if r[4] == 200)
    # Served latency: how long the farm took from request head to answer handed over.
    durations = sorted(r[3] - r[2] for r in rows)
    out = {
        "requests": len(rows), "status_200": served, "by_kind": dict(sorted(by_kind.items())),
        "hosts": len(chains), "site_requests": site_requests, "api_requests": api_requests,
        "max_per_host": max(n for h, n in chains.items() if h != API_ADDRESS) if site_requests else 0,
        "first_start": first, "last_end": last, "window_s": round(window, 3),
        "rate": round(len(rows) / window, 1) if window > 0 else None,
        "ideal_s": round(ideal, 3), "ideal_rate": round(len(rows) / ideal, 1) if ideal > 0 else None,
        "percent_of_ideal": round(100 * ideal / window, 1) if window > 0 else None,
        "bound_concurrency_s": round(len(rows) * latency / min(args.concurrency, len(chains)), 3),
        "bound_api_s": round(api_requests * max(latency, args.api_interval), 3),
        "bound_host_chain_s": round(max(chains.values()) * max(latency, args.interval), 3),
        "overlaps": overlaps, "max_in_flight": max_in_flight,
        "min_start_gap_s": round(min_gap, 4) if min_gap is not None else None,
        "min_start_gap_api_s": round(min_gap_api, 4) if min_gap_api is not None else None,
        "farm_answer_ms_median": round(1000 * durations[len(durations) // 2], 1),
        "farm_answer_ms_p99": round(1000 * durations[min(len(durations) - 1, int(len(durations) * 0.99))], 1),
        "MB": round(sum(r[5] for r in rows) / 1e6, 1),
    }
    print(json.dumps(out, ensure_ascii=False))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--hosts", type=int, default=200)
    s.add_argument("--rounds", type=int, default=5, help="agencies per host (default 5)")
    s.add_argument("--latency-ms", type=float, default=50)
    s.add_argument("--scenario", choices=["full", "linked", "web"], default="web")
    s.add_argument("--page", choices=["bitrix", "small"], default="bitrix")
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--api-json", choices=["compact", "pretty"], default="compact",
                   help="VK API answers on one line as api.vk.com sends them (default), or indented")
    s.add_argument("--port", type=int, default=0)
    s.add_argument("--procs", type=int, default=1)
    s.add_argument("--log", required=True)
    s.add_argument("--registry")
    s.add_argument("--max-seconds", type=float, default=3600)
    s.add_argument("--ignore-stdin", action="store_true")
    p = sub.add_parser("probe")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--hosts", type=int, default=200)
    p.add_argument("--connections", type=int, default=256)
    p.add_argument("--seconds", type=float, default=5)
    p.add_argument("--latency-ms", type=float, default=50)
    p.add_argument("--path", default="/")
    a = sub.add_parser("analyze")
    a.add_argument("--log", required=True)
    a.add_argument("--concurrency", type=int, required=True)
    a.add_argument("--latency-ms", type=float, default=50)
    a.add_argument("--interval", type=float, default=0.05)
    a.add_argument("--api-interval", type=float, default=0.05)
    a.add_argument("--t0", type=float)
    a.add_argument("--t1", type=float)
    args = ap.parse_args()
    if args.cmd == "serve":
        cmd_serve(args)
    elif args.cmd == "probe":
        asyncio.run(probe(args))
    else:
        cmd_analyze(args)


if __name__ == "__main__":
    main()
