#!/usr/bin/env python3
"""The Scrapy side of the live crawl benchmark (scripts/bench/live.sh): crawls, for every agency of
a registry written by scripts/bench/live-farm.py, the same pages pageaudit's live audit fetches.

    python scrapy_spider.py --registry CSV --concurrency C --delay S --vk-api-base URL [--contact-pages 3]

Needs Scrapy (live.sh installs the pinned version into a virtual environment). Per agency:

  1. robots.txt of the host: Scrapy's RobotsTxtMiddleware (ROBOTSTXT_OBEY) fetches it once per
     host:port before the first request there, as pageaudit does once per origin. (Scrapy also asks
     the VK API host for robots.txt; pageaudit does not: one request more for Scrapy.)
  2. The home page (the registry's `website`). Parsed with Scrapy selectors (lxml): every
     `//a[@href]` with its text, the visible text (script and style left out), e-mails and Russian
     phone numbers by regular expression, the page's VK links.
  3. Up to --contact-pages pages picked from the home page's links with the rules of pageaudit's
     ContactPageFinder (same words in the link text and the path, same scores and order, same
     site only, no documents), each parsed like the home page.
  4. VK, once the site is done (pageaudit also reads an agency's pages after its site): the registry's
     community, else the first one the home page links. A community the registry declares is
     looked up in the batched groups.getById answer asked first (group_ids in batches of 300, as
     pageaudit's prefetch); one only linked is asked with groups.getById?group_id=X. Then
     wall.get?owner_id=-ID. Answers are parsed with json.loads.

Settings: CONCURRENT_REQUESTS = C, CONCURRENT_REQUESTS_PER_DOMAIN = 1 (every farm host is an IP address,
so this is also one per IP: CONCURRENT_REQUESTS_PER_IP stays 0, because Scrapy's default scheduler
queue, DownloaderAwarePriorityQueue, recommended for broad crawls, refuses it),
DOWNLOAD_DELAY = S (the delay between starts of requests to one host, as pageaudit's --min-interval),
no jitter (DOWNLOAD_DELAY_JITTER = 0, which replaces RANDOMIZE_DOWNLOAD_DELAY = False in Scrapy 2.19),
ROBOTSTXT_OBEY = True, AUTOTHROTTLE_ENABLED = False, cookies off,
retries 2 (as pageaudit).
Prints one JSON line with the counts at the end.
"""

import argparse
import csv
import json
import re
import sys
import time
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import CrawlerProcess

# pageaudit's ContactPageFinder (Sources/PageAuditCore/Extract/ContactPageFinder.swift).
LABEL_WORDS = ["контакт", "обратная связь", "о нас", "об администрации", "об организации", "об учреждении",
               "сведения об", "о министерстве", "о ведомстве", "о суде", "приёмная", "приемная", "реквизиты", "contacts", "about"]
PATH_WORDS = ["contact", "kontakt", "feedback", "obratnaya", "about", "o-nas", "onas", "svedeniya", "priemnaya"]
DOCUMENTS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".rtf", ".zip", ".rar", ".jpg", ".png")

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
PHONE = re.compile(r"(?:\+7|8)[\s(-]*\d{3,5}[\s)-]*\d{1,3}[\s-]*\d{2}[\s-]*\d{2}")
VK = re.compile(r"^https?://(?:m\.)?vk\.com/([A-Za-z0-9_.]+)/?$")


def vk_key(url):
    """pageaudit's key for a VK community: club123 -> "123", a screen name -> itself, lower case."""
    m = VK.match(url.strip())
    if not m:
        return None
    name = m.group(1).lower()
    c = re.fullmatch(r"(?:club|public)(\d+)", name)
    return c.group(1) if c else name


class Agency:
    __slots__ = ("id", "website", "vk", "pending", "linked_vk", "emails", "phones", "pages")

    def __init__(self, row):
        self.id = row["id"]
        self.website = row["website"]
        self.vk = vk_key(row.get("vk", "") or "") if row.get("vk") else None
        self.pending = 0
        self.linked_vk = None
        self.emails = set()
        self.phones = set()
        self.pages = 0


class AuditSpider(scrapy.Spider):
    name = "pageaudit-bench"

    def __init__(self, agencies, api_base, contact_pages, **kwargs):
        super().__init__(**kwargs)
        self.agencies = agencies
        self.api_base = api_base.rstrip("/")
        self.contact_pages = contact_pages
        self.groups = {}          # key -> group id, from groups.getById answers
        self.batch_done = not any(a.vk for a in agencies)
        self.waiting_vk = []      # agencies whose site is done before the batch answer came
        self.walls = 0

    async def start(self):
        declared = sorted({a.vk for a in self.agencies if a.vk})
        for k in range(0, len(declared), 300):
            yield scrapy.Request("%s/method/groups.getById?group_ids=%s" % (self.api_base, ",".join(declared[k:k + 300])),
                                 callback=self.parse_batch, priority=100, dont_filter=True,
                                 cb_kwargs={"last": k + 300 >= len(declared)})
        for a in self.agencies:
            yield scrapy.Request(a.website, callback=self.parse_home, errback=self.site_failed, cb_kwargs={"agency": a})

    # -- websites --

    def read_page(self, response, agency):
        """The page work: links with their text, visible text, e-mails, phones."""
        links = []
        for anchor in response.xpath("//a[@href]"):
            href = anchor.attrib["href"]
            label = " ".join(anchor.xpath("string(.)").get("").split()).lower()
            links.append((href, label))
        text = " ".join(t.strip() for t in response.xpath(
            "//body//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)]").getall() if t.strip())
        agency.emails.update(EMAIL.findall(text))
        agency.emails.update(h[7:] for h, _ in links if h.startswith("mailto:"))
        agency.phones.update(PHONE.findall(text))
        agency.pages += 1
        return links

    def parse_home(self, response, agency):
        links = self.read_page(response, agency)
        own_host = urlsplit(response.url).netloc
        seen = {response.url}
        scored = []
        for order, (href, label) in enumerate(links):
            absolute = response.urljoin(href)
            parts = urlsplit(absolute)
            if agency.linked_vk is None:
                agency.linked_vk = vk_key(absolute)
            if parts.scheme not in ("http", "https") or parts.netloc != own_host or absolute in seen:
                continue
            seen.add(absolute)
            path = parts.path.lower()
            score = 0
            # pageaudit counts label words only in menu-sized labels (at most 5 words), not headlines.
            for index, word in enumerate(LABEL_WORDS if len(label.split()) <= 5 else []):
                if word in label:
                    score += 100 - index
                    break
            if any(word in path for word in PATH_WORDS):
                score += 50
            if score > 0 and not path.endswith(DOCUMENTS):
                scored.append((score, -order, absolute))
        scored.sort(reverse=True)
        picks = [url for _, _, url in scored[:self.contact_pages]]
        agency.pending = len(picks)
        if not picks:
            yield from self.vk_stage(agency)
        for url in picks:
            yield scrapy.Request(url, callback=self.parse_contacts, errback=self.contacts_failed, cb_kwargs={"agency": agency})

    def parse_contacts(self, response, agency):
        self.read_page(response, agency)
        agency.pending -= 1
        if agency.pending == 0:
            yield from self.vk_stage(agency)

    def contacts_failed(self, failure):
        agency = failure.request.cb_kwargs["agency"]
        agency.pending -= 1
        if agency.pending == 0:
            yield from self.vk_stage(agency)

    def site_failed(self, failure):
        yield from self.vk_stage(failure.request.cb_kwargs["agency"])

    # -- VK API --

    def vk_stage(self, agency):
        if agency.vk:
            if not self.batch_done:
                self.waiting_vk.append(agency)
                return
            gid = self.groups.get(agency.vk)
            if gid is not None:
                yield self.wall_request(gid)
        elif agency.linked_vk:
            yield scrapy.Request("%s/method/groups.getById?group_id=%s" % (self.api_base, agency.linked_vk),
                                 callback=self.parse_group, dont_filter=True, cb_kwargs={"agency": agency})

    def remember(self, response):
        groups = json.loads(response.body).get("response", {}).get("groups", [])
        for g in groups:
            self.groups[str(g["id"])] = g["id"]
            if g.get("screen_name"):
                self.groups[g["screen_name"].lower()] = g["id"]
        return groups

    def parse_batch(self, response, last):
        self.remember(response)
        if last:
            self.batch_done = True
            waiting, self.waiting_vk = self.waiting_vk, []
            for agency in waiting:
                yield from self.vk_stage(agency)

    def parse_group(self, response, agency):
        groups = self.remember(response)
        if groups:
            yield self.wall_request(groups[0]["id"])

    def wall_request(self, gid):
        return scrapy.Request("%s/method/wall.get?owner_id=-%d" % (self.api_base, gid), callback=self.parse_wall, dont_filter=True)

    def parse_wall(self, response):
        answer = json.loads(response.body)
        self.walls += len(answer.get("response", {}).get("items", []))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--registry", required=True)
    ap.add_argument("--concurrency", type=int, required=True)
    ap.add_argument("--delay", type=float, default=0.05)
    ap.add_argument("--vk-api-base", required=True)
    ap.add_argument("--contact-pages", type=int, default=3)
    ap.add_argument("--log-level", default="WARNING")
    args = ap.parse_args()
    with open(args.registry, encoding="utf-8", newline="") as f:
        agencies = [Agency(row) for row in csv.DictReader(f, delimiter=";")]
    settings = {
        "CONCURRENT_REQUESTS": args.concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "DOWNLOAD_DELAY": args.delay,
        "DOWNLOAD_DELAY_JITTER": 0,  # Scrapy 2.19's name for RANDOMIZE_DOWNLOAD_DELAY = False
        "ROBOTSTXT_OBEY": True,
        "AUTOTHROTTLE_ENABLED": False,
        "COOKIES_ENABLED": False,
        "RETRY_TIMES": 2,
        "DOWNLOAD_TIMEOUT": 30,
        "USER_AGENT": "scrapy-bench (+pageaudit live benchmark)",
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": args.log_level,
        "LOGSTATS_INTERVAL": 3600,
    }
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(AuditSpider)
    started = time.time()
    process.crawl(crawler, agencies=agencies, api_base=args.vk_api_base, contact_pages=args.contact_pages)
    process.start()
    stats = crawler.stats.get_stats()
    spider = crawler.spider
    print(json.dumps({
        "agencies": len(agencies), "seconds": round(time.time() - started, 3),
        "requests": stats.get("downloader/request_count"), "responses": stats.get("downloader/response_count"),
        "pages_read": sum(a.pages for a in agencies), "emails": sum(len(a.emails) for a in agencies),
        "wall_posts": spider.walls if spider else None,
        "robots_requests": stats.get("robotstxt/request_count"),
        "errors": stats.get("log_count/ERROR", 0),
    }))


if __name__ == "__main__":
    sys.exit(main())
