#!/usr/bin/env python3
"""Write a synthetic folder snapshot set of N fictional agencies for benchmarks.

    python3 scripts/bench/generate-set.py --agencies 1000 --out .bench/set-1000 [--seed 1]

The set has the layout and formats of snapshots/demo (see README.md, "Folder snapshots"):

  registry.csv   UTF-8 without BOM, ';' delimiter, CRLF, RFC 4180 quoting,
                 columns id;name;kind;region;timezone;website;vk;ok;telegram;max
  manifest.tsv   url file captured_at status content_type error (tab-separated, '#' comments)
  pages/<host>/index.html           home page, 80-200 KB, 1C-Bitrix government template
  pages/<host>/contacts.html        (or kontakty.html) contacts page
  pages/api.vk.com/<name>.groups.json, <name>.wall.json   VK API groups.getById / wall.get answers
  pages/t.me/s/<name>.html          Telegram channel preview (for about 40% of agencies)

Every agency, domain, person, phone number and address is fictional (the domains end in
.example-gov.ru, which nobody owns). All capture times lie on 2026-11-20 (Moscow time).
The output is a function of --agencies and --seed only: the same arguments give the same bytes.
Generation reuses pre-built blocks, so 1,000 agencies take a few seconds.
"""

import argparse
import csv
import io
import json
import os
import random
import sys

CAPTURE_DAY = "2026-11-20"
# 2026-11-20T00:00:00+03:00 as a Unix time; wall posts are dated in the weeks before it.
DAY_START_UNIX = 1795122000  # 2026-11-20T00:00:00+03:00 = 2026-11-19T21:00:00Z
VK_FIELDS = "description,site,contacts,addresses,wall,cover,has_photo,members_count,links,is_government_organization"

REGIONS = [
    ("Омская область", "Asia/Omsk", "Омск", "3812", "644"),
    ("Воронежская область", "", "Воронеж", "473", "394"),
    ("Свердловская область", "Asia/Yekaterinburg", "Екатеринбург", "343", "620"),
    ("Кировская область", "Europe/Kirov", "Киров", "8332", "610"),
    ("Приморский край", "Asia/Vladivostok", "Владивосток", "423", "690"),
    ("Курская область", "Europe/Moscow", "Курск", "4712", "305"),
    ("Вологодская область", "Europe/Moscow", "Вологда", "8172", "160"),
    ("Новосибирская область", "Asia/Novosibirsk", "Новосибирск", "383", "630"),
    ("Красноярский край", "Asia/Krasnoyarsk", "Красноярск", "391", "660"),
    ("Самарская область", "Europe/Samara", "Самара", "846", "443"),
    ("Иркутская область", "Asia/Irkutsk", "Иркутск", "3952", "664"),
    ("Калининградская область", "Europe/Kaliningrad", "Калининград", "4012", "236"),
    ("Республика Татарстан", "Europe/Moscow", "Казань", "843", "420"),
    ("Хабаровский край", "Asia/Vladivostok", "Хабаровск", "4212", "680"),
    ("Пермский край", "Asia/Yekaterinburg", "Пермь", "342", "614"),
    ("Ростовская область", "", "Ростов-на-Дону", "863", "344"),
]

# (kind, name pattern, domain prefix, title of the head)
AGENCY_KINDS = [
    ("regional", "Министерство {topic} {region_gen}", "min{slug}", "Министр"),
    ("regional", "Комитет по {topic_dat} {region_gen}", "kom{slug}", "Председатель комитета"),
    ("regional", "Государственная инспекция {topic} {region_gen}", "gi{slug}", "Начальник инспекции"),
    ("municipal", "Администрация {town_gen} муниципального округа", "adm{slug}", "Глава округа"),
    ("municipal", "Администрация {town_gen} сельского поселения", "sp{slug}", "Глава поселения"),
    ("subordinate", "Управление {topic} администрации {town_gen} района", "upr{slug}", "Начальник управления"),
    ("subordinate", "Центр {topic} {region_gen}", "centr{slug}", "Директор"),
    ("court", "{town_nom} районный суд {region_gen}", "sud{slug}", "Председатель суда"),
    ("federal", "Межрегиональное управление {topic} по {okrug}", "mru{slug}", "Руководитель управления"),
]
TOPICS = [
    ("лесного хозяйства", "лесному хозяйству", "les"), ("образования", "образованию", "obr"),
    ("культуры", "культуре", "kult"), ("здравоохранения", "здравоохранению", "zdrav"),
    ("социальной защиты", "социальной защите", "soc"), ("транспорта", "транспорту", "trans"),
    ("экономического развития", "экономическому развитию", "econ"), ("молодёжной политики", "молодёжной политике", "mol"),
    ("физической культуры и спорта", "физической культуре и спорту", "sport"), ("строительства", "строительству", "stroy"),
    ("природных ресурсов", "природным ресурсам", "prir"), ("цифрового развития", "цифровому развитию", "cifra"),
    ("жилищного надзора", "жилищному надзору", "gzhi"), ("туризма", "туризму", "turizm"),
    ("труда и занятости", "труду и занятости", "trud"), ("архивного дела", "архивному делу", "arhiv"),
]
REGION_GEN = {
    "Омская область": "Омской области", "Воронежская область": "Воронежской области",
    "Свердловская область": "Свердловской области", "Кировская область": "Кировской области",
    "Приморский край": "Приморского края", "Курская область": "Курской области",
    "Вологодская область": "Вологодской области", "Новосибирская область": "Новосибирской области",
    "Красноярский край": "Красноярского края", "Самарская область": "Самарской области",
    "Иркутская область": "Иркутской области", "Калининградская область": "Калининградской области",
    "Республика Татарстан": "Республики Татарстан", "Хабаровский край": "Хабаровского края",
    "Пермский край": "Пермского края", "Ростовская область": "Ростовской области",
}
TOWNS = [  # fictional towns: (nominative adjective, genitive adjective, latin slug)
    ("Кедровский", "Кедровского", "kedr"), ("Заречный", "Заречного", "zarech"), ("Лесногорский", "Лесногорского", "lesn"),
    ("Белокаменский", "Белокаменского", "belok"), ("Камозерский", "Камозерского", "kamoz"), ("Прибрежный", "Прибрежного", "pribr"),
    ("Нефтеозёрский", "Нефтеозёрского", "nefte"), ("Ключевской", "Ключевского", "klyuch"), ("Краснозёрский", "Краснозёрского", "krasn"),
    ("Сосновский", "Сосновского", "sosn"), ("Берёзовский", "Берёзовского", "berez"), ("Светлогорский", "Светлогорского", "svetl"),
    ("Подгорный", "Подгорного", "podg"), ("Озёрный", "Озёрного", "ozer"), ("Каменский", "Каменского", "kamen"),
    ("Ивановский", "Ивановского", "ivan"), ("Речной", "Речного", "rech"), ("Полевской", "Полевского", "polev"),
]
OKRUGS = ["Сибирскому федеральному округу", "Уральскому федеральному округу", "Приволжскому федеральному округу",
          "Северо-Западному федеральному округу", "Дальневосточному федеральному округу"]
STREETS = ["ул. Ленина", "ул. Советская", "ул. Кедровая", "пр. Мира", "ул. Центральная", "ул. Набережная",
           "ул. Гагарина", "ул. Школьная", "пл. Победы", "ул. Октябрьская", "ул. Лесная", "ул. Садовая"]
SURNAMES = [("Иванов", "Иван Петрович"), ("Смирнова", "Ольга Викторовна"), ("Кузнецов", "Андрей Николаевич"),
            ("Попова", "Елена Сергеевна"), ("Соколов", "Дмитрий Александрович"), ("Лебедева", "Наталья Игоревна"),
            ("Морозов", "Сергей Владимирович"), ("Волкова", "Татьяна Юрьевна")]

NEWS_TITLES = [
    "Подведены итоги работы за девять месяцев {y} года", "Состоялось заседание общественного совета",
    "Открыт приём заявок на предоставление субсидий", "Проведён личный приём граждан",
    "Утверждён план мероприятий на {y1} год", "Состоялось совещание по вопросам подготовки к отопительному сезону",
    "Объявлен конкурс на замещение вакантных должностей государственной гражданской службы",
    "В районе завершён ремонт дорог общего пользования", "Стартовала приёмная кампания в учреждения дополнительного образования",
    "Прошла выездная проверка соблюдения обязательных требований", "Опубликован доклад о правоприменительной практике",
    "Жители могут направить предложения к проекту бюджета на {y1} год", "Изменён график приёма граждан в праздничные дни",
    "Подписано соглашение о сотрудничестве", "Проведён семинар для представителей органов местного самоуправления",
    "Начат приём документов на получение единовременной выплаты", "Итоги публичных слушаний по проекту генерального плана",
    "Вниманию руководителей организаций: изменения в порядке представления отчётности",
]
NEWS_PREVIEWS = [
    "В мероприятии приняли участие представители органов власти, подведомственных учреждений и общественных организаций.",
    "Подробная информация и формы документов размещены в разделе «Документы». Консультации по телефону приёмной.",
    "Заявки принимаются в электронном виде через Госуслуги, а также лично в рабочие дни с 9:00 до 17:00.",
    "Обсуждены вопросы исполнения поручений, доступности услуг для населения и цифровизации работы с обращениями.",
    "Результаты будут опубликованы на официальном сайте и в официальных группах в социальных сетях.",
    "По итогам встречи даны поручения ответственным специалистам, сроки исполнения — до конца текущего месяца.",
]


def region_gen(region):
    return REGION_GEN.get(region, region)


def make_css_block(rnd, n_rules):
    sel = ["header", "footer", "main-menu", "news-item", "news-list", "banner", "docs", "contacts-card", "breadcrumbs",
           "slider", "widget", "search", "pagination", "sidebar", "card", "section-title", "btn", "tabs", "modal"]
    props = ["display:flex", "display:block", "margin:0 auto", "padding:12px 16px", "color:#1d3a5f", "color:#fff",
             "background:#f4f6f9", "background:#0d4cd3", "font-size:14px", "font-size:16px", "line-height:1.5",
             "border:1px solid #d9dee5", "border-radius:6px", "position:relative", "text-decoration:none",
             "justify-content:space-between", "align-items:center", "width:100%", "max-width:1200px", "gap:16px"]
    out = []
    for i in range(n_rules):
        s = rnd.choice(sel)
        el = rnd.choice(["", "__inner", "__title", "__item", "__link", "__icon", "--active", "__date", "__text"])
        p = ";".join(rnd.sample(props, rnd.randint(2, 6)))
        out.append(".%s%s%s{%s}" % (s, el, (":hover" if i % 7 == 0 else ""), p))
    return "".join(out)


def make_script_block(rnd, n):
    # A Bitrix-like inline script: component parameters as JSON and some minified-looking code.
    parts = ["(window.BX||top.BX).message({"]
    parts.append(",".join("'%s_%d':'%s'" % (rnd.choice(["JS_CORE", "MAIN", "UI", "IBLOCK", "NEWS", "SEARCH"]), i,
                                              rnd.choice(["Загрузка...", "Закрыть", "Показать все", "Подробнее",
                                                          "Нет данных", "Развернуть", "Сохранить"]))
                          for i in range(n)))
    parts.append("});\n")
    for i in range(n // 4):
        a, b = rnd.randint(1, 999), rnd.randint(1, 999)
        parts.append("BX.ready(function(){var e%d=BX('bx_comp_%d');if(e%d){BX.bind(e%d,'click',function(t){"
                     "BX.PreventDefault(t);BX.ajax.runComponentAction('bitrix:news.list','load',{mode:'class',"
                     "data:{page:%d,size:%d}}).then(function(r){e%d.innerHTML=r.data.html;});});}});\n"
                     % (i, a, i, i, a, b, i))
    return "".join(parts)


def make_news_item(rnd, i):
    y = 2026
    day = rnd.randint(1, 19)
    title = rnd.choice(NEWS_TITLES).format(y=y, y1=y + 1)
    pic = '<img class="news-item__img" src="/upload/iblock/%03x/%08x.jpg" alt="" loading="lazy" width="360" height="240">' % (
        rnd.randint(0, 4095), rnd.getrandbits(32)) if rnd.random() < 0.6 else ""
    return ('                <div class="news-item" id="bx_3218110189_%d">\n'
            '                    %s\n'
            '                    <div class="news-item__date">%02d.11.2026 <span>%02d:%02d</span></div>\n'
            '                    <a class="news-item__title" href="/press/news/%d/">%s</a>\n'
            '                    <p class="news-item__preview">%s %s</p>\n'
            '                </div>\n') % (i, pic, day, rnd.randint(8, 19), rnd.choice([0, 10, 20, 30, 40, 50]), i, title,
                                          rnd.choice(NEWS_PREVIEWS), rnd.choice(NEWS_PREVIEWS))


POS_WIDGET = ("<script src='https://pos.gosuslugi.ru/bin/script.min.js'></script>\n"
              "<style>#js-show-iframe-wrapper{position:relative;display:flex;align-items:center;justify-content:center;"
              "width:100%;min-width:293px;max-width:100%;background:linear-gradient(138.4deg,#38bafe 26.49%,#2d73bc 79.45%);"
              "color:#fff;cursor:pointer}</style>\n"
              "<div id='js-show-iframe-wrapper'><div class='pos-banner-fluid bf-2'><div class='bf-2__content'>"
              "<div class='bf-2__text'>Берём ваше мнение в работу и реагируем на обращения</div>"
              "<button class='pos-banner-btn_2' type='button'>Написать о проблеме</button></div></div></div>\n"
              "<script>Widget(\"https://pos.gosuslugi.ru/form\", %d)</script>\n")

METRIKA = ("<script type=\"text/javascript\">(function(m,e,t,r,i,k,a){m[i]=m[i]||function(){(m[i].a=m[i].a||[]).push(arguments)};"
           "m[i].l=1*new Date();k=e.createElement(t),a=e.getElementsByTagName(t)[0],k.async=1,k.src=r,a.parentNode.insertBefore(k,a)})"
           "(window, document, \"script\", \"https://mc.yandex.ru/metrika/tag.js\", \"ym\");ym(%d, \"init\", {clickmap:true,"
           "trackLinks:true,accurateTrackBounce:true});</script>\n"
           "<noscript><div><img src=\"https://mc.yandex.ru/watch/%d\" style=\"position:absolute; left:-9999px;\" alt=\"\" /></div></noscript>\n")


class Pools:
    """Blocks built once and reused (with per-agency choices) so that generation stays fast."""

    def __init__(self, seed):
        rnd = random.Random("pools-%d" % seed)
        self.css = [make_css_block(rnd, rnd.randint(150, 400)) for _ in range(24)]
        self.scripts = [make_script_block(rnd, rnd.randint(60, 200)) for _ in range(24)]
        self.news = [make_news_item(rnd, 10000 + i) for i in range(600)]
        self.menu_items = ["Главная", "О нас", "Структура", "Деятельность", "Документы", "Государственные услуги",
                           "Пресс-центр", "Обращения граждан", "Противодействие коррупции", "Госзакупки",
                           "Открытые данные", "Вакансии", "Контакты"]


def agency(i, seed):
    rnd = random.Random("agency-%d-%d" % (seed, i))
    region, tz, city, code, zip3 = rnd.choice(REGIONS)
    kind, pattern, dom, head_title = rnd.choice(AGENCY_KINDS)
    topic_gen, topic_dat, topic_slug = rnd.choice(TOPICS)
    town_nom, town_gen, town_slug = rnd.choice(TOWNS)
    name = pattern.format(topic=topic_gen, topic_dat=topic_dat, region_gen=region_gen(region), town_gen=town_gen,
                          town_nom=town_nom, okrug=rnd.choice(OKRUGS))
    slug = "%s%s" % (topic_slug if "{topic" in pattern else town_slug, i)
    host = "%s.example-gov.ru" % dom.format(slug=slug)
    www = rnd.random() < 0.15
    group_id = 220000000 + i * 7 + rnd.randint(0, 6)
    screen = "%s_%s" % (dom.format(slug="").rstrip("_") or "org", slug)
    vk_by_number = rnd.random() < 0.5
    has_tg = rnd.random() < 0.4
    surname, first = rnd.choice(SURNAMES)
    phone_tail = "%02d-%02d-%02d" % (rnd.randint(20, 79), rnd.randint(10, 99), rnd.randint(10, 99))
    return {
        "i": i, "rnd": rnd, "id": "ag%05d" % i, "name": name, "kind": kind, "region": region, "tz": tz, "city": city,
        "host": ("www." if www else "") + host, "website": ("https://" if rnd.random() < 0.8 else "") + host,
        "group_id": group_id, "screen": screen, "vk_by_number": vk_by_number,
        "tg": ("tg_" + screen) if has_tg else None,
        "phone": "+7 (%s) %s" % (code, phone_tail),
        "phone_digits": "+7" + code + phone_tail.replace("-", ""),
        "email": rnd.choice(["info", "priem", "adm", "mail", "obr"]) + "@" + host,
        "address": "%s%03d, г. %s, %s, д. %d" % (zip3, rnd.randint(0, 99), city, rnd.choice(STREETS), rnd.randint(1, 120)),
        "head": "%s %s" % (surname, first), "head_title": head_title,
        "contacts_path": rnd.choice(["/contacts/", "/kontakty/", "/about/contacts/"]),
        "pos": rnd.random() < 0.7,
        "template": "gov_%d" % rnd.randint(2019, 2025),
    }


def home_page(a, pools):
    rnd = a["rnd"]
    target = rnd.randint(80 * 1024 + 512, 200 * 1024 - 512)
    t = a["template"]
    vk_url = ("https://vk.com/club%d" % a["group_id"]) if a["vk_by_number"] else ("https://vk.com/" + a["screen"])
    soc = [('vk', vk_url, 'icon-vk')]
    if a["tg"]:
        soc.append(('tg', "https://t.me/" + a["tg"], 'icon-telegram'))
    rnd.shuffle(soc)
    menu = pools.menu_items[:]
    if rnd.random() < 0.5:
        menu = [m for m in menu if rnd.random() < 0.85] or menu
    out = []
    w = out.append
    w('<!DOCTYPE html>\n<html lang="ru">\n<head>\n')
    w('    <meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />\n')
    w('    <meta name="viewport" content="width=device-width, initial-scale=1.0">\n')
    w('    <title>%s</title>\n' % a["name"])
    w('    <meta name="description" content="Официальный сайт: %s. Новости, документы, услуги, обращения граждан." />\n' % a["name"])
    w('    <meta property="og:title" content="%s" />\n    <meta property="og:url" content="https://%s/" />\n' % (a["name"], a["host"]))
    for css in ("/bitrix/js/ui/design-tokens/dist/ui.design-tokens.min.css?171863820423463",
                "/bitrix/js/main/core/css/core.min.css?17186381292854",
                "/bitrix/templates/%s/template_styles.css?171204553048211" % t):
        w('<link href="%s" type="text/css" rel="stylesheet" />\n' % css)
    w('<style>%s</style>\n' % rnd.choice(pools.css))
    w('<script type="text/javascript">if(!window.BX)window.BX={};if(!window.BX.message)window.BX.message=function(mess){'
      'if(typeof mess===\'object\'){for(let i in mess) {BX.message[i]=mess[i];} return true;}};</script>\n')
    w('<script type="text/javascript">(window.BX||top.BX).message({\'LANGUAGE_ID\':\'ru\',\'FORMAT_DATE\':\'DD.MM.YYYY\','
      '\'SITE_ID\':\'s1\',\'SERVER_TIME\':\'%d\',\'bitrix_sessid\':\'%032x\'});</script>\n'
      % (DAY_START_UNIX + 36000 + a["i"], rnd.getrandbits(128)))
    w('<script type="text/javascript">%s</script>\n' % rnd.choice(pools.scripts))
    for js in ("/bitrix/js/main/core/core.min.js?1718638129225422", "/bitrix/templates/%s/js/jquery-3.6.0.min.js?169987421189501" % t,
               "/bitrix/templates/%s/js/main.js?17120455307312" % t):
        w('<script type="text/javascript" src="%s"></script>\n' % js)
    w('</head>\n<body class="page-main">\n<div id="panel"></div>\n')
    layout = rnd.randint(0, 2)
    w('<header class="header header--v%d">\n    <div class="header__top"><div class="container">\n' % layout)
    w('        <a href="#" class="header__special js-special-version" title="Версия для слабовидящих"><i class="icon-eye"></i> Версия для слабовидящих</a>\n')
    if layout != 1:  # some templates repeat the social icons in the header (image-only links)
        w('        <div class="header__soc">%s</div>\n' % "".join(
            '<a href="%s" target="_blank" rel="noopener"><img src="/bitrix/templates/%s/images/soc/%s-white.svg" width="20" height="20" alt=""></a>'
            % (u, t, k) for k, u, _ in soc))
    w('        <form class="header__search" action="/search/" method="get"><input type="text" name="q" placeholder="Поиск по сайту"><button type="submit"><i class="icon-search"></i></button></form>\n')
    w('    </div></div>\n    <div class="header__main"><div class="container"><a href="/" class="header__logo">'
      '<img src="/bitrix/templates/%s/images/gerb.svg" alt="Герб" width="56" height="64">'
      '<span class="header__logo-text">%s</span></a></div></div>\n</header>\n' % (t, a["name"]))
    w('<nav class="main-menu"><div class="container"><ul class="main-menu__list">\n')
    for j, m in enumerate(menu):
        href = a["contacts_path"] if m == "Контакты" else ("/" if j == 0 else "/section-%d/" % j)
        w('    <li class="main-menu__item"><a href="%s">%s</a>' % (href, m))
        if rnd.random() < 0.4:
            w('<ul class="main-menu__sub">%s</ul>' % "".join('<li><a href="/section-%d/%d/">Подраздел %d</a></li>' % (j, k, k)
                                                             for k in range(rnd.randint(2, 8))))
        w('</li>\n')
    w('</ul></div></nav>\n<main class="main"><div class="container"><div class="row"><div class="col-lg-8">\n')
    w('<section class="main-news"><h2 class="section-title">Новости</h2><div class="news-list">\n')
    footer = footer_html(a, soc, t, rnd)
    size = sum(len(s.encode("utf-8")) for s in out) + len(footer.encode("utf-8")) + 2600
    news = pools.news
    k = rnd.randrange(len(news))
    step = rnd.choice([1, 7, 13, 17, 29])
    while size < target:
        item = news[k % len(news)]
        w(item)
        size += len(item.encode("utf-8"))
        k += step
    w('</div><a class="btn btn--more" href="/press/news/">Все новости</a></section>\n</div>\n<aside class="col-lg-4">\n')
    if a["pos"]:
        w(POS_WIDGET.replace("%d", str(100000 + a["i"])))
    w('<div class="banners">%s</div>\n' % "".join(
        '<a class="banner" href="%s"><img src="/upload/banners/%d.png" alt="%s"></a>' % (u, j, alt)
        for j, (u, alt) in enumerate([("https://www.gosuslugi.ru/", "Госуслуги"), ("https://bus.gov.ru/", "bus.gov.ru"),
                                       ("http://pravo.gov.ru/", "Официальный интернет-портал правовой информации")])))
    w('</aside>\n</div></div></main>\n')
    w(footer)
    w(METRIKA % (90000000 + a["i"], 90000000 + a["i"]))
    w('</body>\n</html>\n')
    return "".join(out)


def footer_html(a, soc, t, rnd):
    icons = "".join('<a class="social %s" href="%s" target="_blank" rel="noopener"><i class="%s"></i></a>' % (k, u, ic)
                    for k, u, ic in soc)
    contacts = ['<p class="footer__address">%s</p>' % a["address"],
                '<p>Приёмная: <a href="tel:%s">%s</a></p>' % (a["phone_digits"], a["phone"]),
                '<p>E-mail: <a href="mailto:%s">%s</a></p>' % (a["email"], a["email"])]
    if rnd.random() < 0.3:
        contacts.reverse()
    return ('<!-- footer -->\n<footer class="footer"><div class="container"><div class="row">\n'
            '<div class="col-md-5"><div class="footer__title">%s</div><div class="footer__contacts">%s'
            '<p>Пн–чт: 9:00–18:00, пт: 9:00–16:45</p></div></div>\n'
            '<div class="col-md-4"><ul class="footer__menu"><li><a href="/docs/">Документы</a></li>'
            '<li><a href="%s">Контакты</a></li><li><a href="/sitemap/">Карта сайта</a></li>'
            '<li><a href="/policy/">Политика обработки персональных данных</a></li></ul></div>\n'
            '<div class="col-md-3"><div class="footer__soc-title">Официальные страницы</div><div class="footer__soc">%s</div></div>\n'
            '</div><div class="footer__bottom"><div class="footer__copy">© 2012–2026 %s</div>'
            '<div class="footer__dev">Сайт работает на «1С-Битрикс: Управление сайтом»</div></div></div></footer>\n'
            % (a["name"], "".join(contacts), a["contacts_path"], icons, a["name"]))


def contacts_page(a):
    t = a["template"]
    return ('<!DOCTYPE html>\n<html lang="ru">\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />\n'
            '<title>Контакты — %s</title>\n<link href="/bitrix/templates/%s/template_styles.css?171204553048211" type="text/css" rel="stylesheet" />\n'
            '</head>\n<body>\n<header class="header"><a href="/" class="header__logo"><span class="header__logo-text">%s</span></a></header>\n'
            '<main class="main"><div class="container"><div class="breadcrumbs"><a href="/">Главная</a> / <span>Контакты</span></div>\n'
            '<h1>Контакты</h1>\n<div class="contacts-card">\n'
            '<p><b>Почтовый адрес:</b> %s</p>\n<p><b>Приёмная:</b> %s</p>\n'
            '<p><b>Электронная почта для обращений:</b> <a href="mailto:%s">%s</a></p>\n'
            '<p><b>%s:</b> %s</p>\n<p>Режим работы: пн–чт 9:00–18:00, пт 9:00–16:45, перерыв 13:00–13:48</p>\n'
            '</div></div></main>\n<footer class="footer"><div class="footer__copy">© %s</div></footer>\n</body>\n</html>\n'
            % (a["name"], t, a["name"], a["address"], a["phone"], a["email"], a["email"], a["head_title"], a["head"], a["name"]))


def vk_groups(a):
    g = {
        "id": a["group_id"], "name": a["name"], "screen_name": a["screen"], "is_closed": 0, "type": "page",
        "verified": 1 if a["rnd"].random() < 0.5 else 0, "is_government_organization": True,
        "description": "Официальная страница: %s.\nПриёмная: %s, %s\nСайт: https://%s" % (a["name"], a["phone"], a["email"], a["host"]),
        "site": "https://%s" % a["host"],
        "contacts": [{"user_id": 730000000 + a["i"], "desc": "Приёмная", "phone": a["phone"], "email": a["email"]}],
        "addresses": {"is_enabled": True, "main_address_id": 1, "main_address": {
            "id": 1, "title": a["name"], "address": a["address"].split(", ", 2)[-1], "city_id": 104,
            "city": {"id": 104, "title": a["city"]}, "latitude": 55.0, "longitude": 73.4, "phone": a["phone"],
            "work_info_status": "timetable"}, "count": 1},
        "links": [{"id": 1, "url": "https://%s%s" % (a["host"], a["contacts_path"]), "name": "Контакты"}],
        "cover": {"enabled": 1, "images": [{"url": "https://sun9-21.userapi.com/impg/c%d/cover_1920x768.jpg" % a["group_id"],
                                            "width": 1920, "height": 768}]},
        "wall": 2, "can_post": 0, "has_photo": 1, "members_count": 500 + a["rnd"].randint(0, 20000),
        "photo_50": "https://sun9-21.userapi.com/impg/c%d/ava_50.jpg?ava=1" % a["group_id"],
        "photo_100": "https://sun9-21.userapi.com/impg/c%d/ava_100.jpg?ava=1" % a["group_id"],
        "photo_200": "https://sun9-21.userapi.com/impg/c%d/ava_200.jpg?ava=1" % a["group_id"],
    }
    return json.dumps({"response": {"groups": [g], "profiles": []}}, ensure_ascii=False, indent=2) + "\n"


def vk_wall(a):
    rnd = a["rnd"]
    items = []
    date = DAY_START_UNIX + rnd.randint(3600 * 8, 3600 * 10)
    n = rnd.randint(8, 25)
    for k in range(n):
        date -= rnd.randint(3600 * 6, 3600 * 60)
        items.append({
            "id": 3000 - k, "from_id": -a["group_id"], "owner_id": -a["group_id"], "date": date, "marked_as_ads": 0,
            "post_type": "post",
            "text": "%s. %s Подробнее на сайте %s, телефон для справок %s." % (
                rnd.choice(NEWS_TITLES).format(y=2026, y1=2027), rnd.choice(NEWS_PREVIEWS), a["host"], a["phone"]),
            "comments": {"count": rnd.randint(0, 40), "can_post": 1, "groups_can_post": True},
            "likes": {"count": rnd.randint(0, 300), "user_likes": 0, "can_like": 1},
            "views": {"count": rnd.randint(100, 5000)},
        })
    return json.dumps({"response": {"count": 1000 + rnd.randint(0, 3000), "items": items}}, ensure_ascii=False, indent=2) + "\n"


def load_tg_template():
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "..", "snapshots", "demo", "pages", "t.me", "s", "pribrezhny_okrug.html")
    with open(path, encoding="utf-8") as f:
        return f.read()


def tg_page(a, template):
    # The demo's channel preview (same markup as the real t.me/s pages in Tests/…/real-telegram) with
    # the channel's name, title and links swapped in.
    return (template.replace("pribrezhny_okrug", a["tg"]).replace("pribrezhny-okrug.ru", a["host"])
            .replace("Администрация Прибрежного округа", a["name"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--agencies", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if args.agencies < 1:
        ap.error("--agencies must be at least 1")
    out = args.out
    if os.path.exists(os.path.join(out, "manifest.tsv")):
        sys.exit("%s already holds a set; remove it first" % out)
    os.makedirs(os.path.join(out, "pages", "api.vk.com"), exist_ok=True)
    os.makedirs(os.path.join(out, "pages", "t.me", "s"), exist_ok=True)
    pools = Pools(args.seed)
    tg_template = load_tg_template()

    reg = io.StringIO()
    cw = csv.writer(reg, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    cw.writerow(["id", "name", "kind", "region", "timezone", "website", "vk", "ok", "telegram", "max"])
    rows = []  # (url, file, content_type)
    for i in range(1, args.agencies + 1):
        a = agency(i, args.seed)
        vk = ("https://vk.com/club%d" % a["group_id"]) if a["vk_by_number"] else ("https://vk.com/" + a["screen"])
        cw.writerow([a["id"], a["name"], a["kind"], a["region"], a["tz"], a["website"], vk, "",
                     ("https://t.me/" + a["tg"]) if a["tg"] else "", ""])
        hostdir = os.path.join(out, "pages", a["host"])
        os.makedirs(hostdir, exist_ok=True)
        cname = "contacts.html" if a["contacts_path"] != "/kontakty/" else "kontakty.html"
        files = [
            ("https://%s/" % a["host"], "pages/%s/index.html" % a["host"], "text/html; charset=UTF-8", home_page(a, pools)),
            ("https://%s%s" % (a["host"], a["contacts_path"]), "pages/%s/%s" % (a["host"], cname), "text/html; charset=UTF-8",
             contacts_page(a)),
            ("https://api.vk.com/method/groups.getById?group_ids=%s&fields=%s&v=5.199"
             % (a["group_id"] if a["vk_by_number"] else a["screen"], VK_FIELDS),
             "pages/api.vk.com/%s.groups.json" % a["screen"], "application/json; charset=utf-8", vk_groups(a)),
            ("https://api.vk.com/method/wall.get?owner_id=-%d&count=100&v=5.199" % a["group_id"],
             "pages/api.vk.com/%s.wall.json" % a["screen"], "application/json; charset=utf-8", vk_wall(a)),
        ]
        if a["tg"]:
            files.append(("https://t.me/s/%s" % a["tg"], "pages/t.me/s/%s.html" % a["tg"], "text/html; charset=utf-8",
                          tg_page(a, tg_template)))
        for url, rel, ctype, body in files:
            with open(os.path.join(out, rel), "w", encoding="utf-8", newline="") as f:
                f.write(body)
            rows.append((url, rel, ctype))

    with open(os.path.join(out, "registry.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(reg.getvalue())
    # Capture times: spread evenly over 2026-11-20 from 00:00:05 to 23:59:59 Moscow time, in row order.
    total = len(rows)
    with open(os.path.join(out, "manifest.tsv"), "w", encoding="utf-8", newline="") as f:
        f.write("url\tfile\tcaptured_at\tstatus\tcontent_type\terror\n")
        f.write("# synthetic benchmark set: %d fictional agencies, seed %d (scripts/bench/generate-set.py)\n"
                % (args.agencies, args.seed))
        for n, (url, rel, ctype) in enumerate(rows):
            s = 5 + (n * 86390) // max(total, 1)
            f.write("%s\t%s\t%sT%02d:%02d:%02d+03:00\t200\t%s\t\n" % (url, rel, CAPTURE_DAY, s // 3600, s // 60 % 60, s % 60, ctype))


if __name__ == "__main__":
    main()
