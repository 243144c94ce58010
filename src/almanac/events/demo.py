"""Demo data: the seed's webinar and a realistic programme around it, loaded idempotently.

Why it exists: a fresh install should show every feature of the calendar (translations,
several zones, multi-day and all-day events, venues, highlights, images, a busy day
with "+N more") without anyone typing events in. Why it is written this way:

* Every write goes through ``almanac.events.services``, so the demo exercises the same
  sanitising, slug and SEQUENCE rules as the admin does.
* Running it again must change nothing (same rows, same SEQUENCE, same ``updated_at``):
  events are matched by a fixed UID and only saved when a field really differs.
* Half of the events sit around the seed (April–August 2022); the other half are placed
  relative to the first day of the current month (UTC), so the demo never looks stale
  and two runs in the same month are identical.
* The data is plain lists of dicts; the loader is the only code.
"""

from __future__ import annotations

import io
import zlib
from calendar import FRIDAY, MONDAY, THURSDAY, TUESDAY, WEDNESDAY
from collections.abc import Iterable, Mapping
from datetime import UTC, date, time, timedelta
from decimal import Decimal
from typing import Any, NotRequired, TypedDict

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageColor, ImageDraw

from almanac.events import services
from almanac.events.models import (
    Calendar,
    Category,
    Event,
    EventTranslation,
    Organizer,
    Tag,
    Translatable,
    Venue,
)

SEED_UID = "demo-seed-webinar@almanac.demo"
SEED_SLUG = "iurc-china-webinar-regional-innovation"
IMAGE_SIZE = (960, 540)
TRANSLATED_FIELDS = ("title", "summary", "description", "image_alt", "highlights")
EVENT_TEXT_FIELDS = ("title", "summary", "description", "highlights")

Texts = dict[str, dict[str, str]]


class DemoError(Exception):
    """The demo cannot be loaded into this database as it is (reported, never half-written)."""


class EventSpec(TypedDict):
    """One demo event. Dates are absolute (``date``) or relative (``week`` + ``weekday``)."""

    slug: str
    calendar: str
    text: Texts
    categories: list[str]
    organizers: list[str]
    tags: list[str]
    uid: NotRequired[str]
    date: NotRequired[date]
    week: NotRequired[int]  # weeks after the Monday of the week holding the 1st of this month
    weekday: NotRequired[int]
    days: NotRequired[int]  # length in days (default 1)
    time: NotRequired[tuple[str, str]]  # absent: an all-day event
    zone: NotRequired[str]  # default: the calendar's zone
    status: NotRequired[str]
    venue: NotRequired[str]
    online: NotRequired[bool]
    external: NotRequired[bool]
    video: NotRequired[bool]
    highlights_url: NotRequired[bool]
    image: NotRequired[bool]
    audience_zones: NotRequired[list[str]]  # shown beside the time everywhere
    rrule: NotRequired[str]  # a repeat rule; the start must be one of its dates


# --------------------------------------------------------------------------- taxonomies
# ``site`` is not a model field: it is the base of the event links (online, video...).

CALENDARS: list[dict[str, Any]] = [
    {
        "slug": "iurc-china",
        "site": "https://www.iurc.eu",
        "fields": {
            "timezone": "Europe/Brussels",
            "first_weekday": Calendar.Weekday.SUNDAY,
            "languages": ["en", "zh-hans"],
            "colour": "#1f5fbf",
            "audience_zones": ["Asia/Shanghai"],
        },
        "text": {
            "en": {
                "name": "IURC China",
                "description": "Webinars, workshops and study visits of the International Urban"
                " and Regional Cooperation programme with Chinese cities and regions.",
            },
            "zh-hans": {
                "name": "IURC 中国",
                "description": "欧盟国际城市与区域合作(IURC)项目与中国城市和地区"
                "开展的研讨会、工作坊和考察活动。",
            },
        },
    },
    {
        "slug": "iurc-latam",
        "site": "https://www.iurc.eu",
        "fields": {
            "timezone": "America/Sao_Paulo",
            "first_weekday": Calendar.Weekday.SUNDAY,
            "languages": ["en", "es", "zh-hans"],
            "colour": "#b3401f",
        },
        "text": {
            "en": {
                "name": "IURC Latin America and the Caribbean",
                "description": "City-to-city and region-to-region cooperation between the EU"
                " and Latin America and the Caribbean.",
            },
            "zh-hans": {
                "name": "IURC 拉丁美洲和加勒比",
                "description": "欧盟与拉丁美洲和加勒比地区之间的城市与区域合作活动。",
            },
            "es": {
                "name": "IURC América Latina y el Caribe",
                "description": "Cooperación entre ciudades y regiones de la UE y de América"
                " Latina y el Caribe.",
            },
        },
    },
    {
        "slug": "research-network",
        "site": "https://urban-futures.example.org",
        "fields": {
            "timezone": "Europe/Berlin",
            "first_weekday": Calendar.Weekday.MONDAY,
            "languages": ["en", "zh-hans"],
            "colour": "#00695c",
        },
        "text": {
            "en": {
                "name": "Urban Futures Research Network",
                "description": "Seminars, summer schools and conferences of a European research"
                " network on cities and regional innovation.",
            },
            "zh-hans": {
                "name": "城市未来研究网络",
                "description": "一个欧洲城市与区域创新研究网络的研讨会、暑期学校和学术会议。",
            },
        },
    },
]

# Parents first: a child's ``parent`` must already exist. ``colour_name`` feeds the
# alt text of the generated images. Every colour has at least 4.5:1 contrast with white.
CATEGORIES: list[dict[str, Any]] = [
    {
        "slug": "cooperation",
        "parent": None,
        "colour": "#1f5fbf",
        "colour_name": {"en": "blue", "zh-hans": "蓝色", "es": "azul"},
        "text": {
            "en": {"name": "Cooperation themes"},
            "zh-hans": {"name": "合作主题"},
            "es": {"name": "Temas de cooperación"},
        },
    },
    {
        "slug": "regional-innovation",
        "parent": "cooperation",
        "colour": "#0b6e79",
        "colour_name": {"en": "teal", "zh-hans": "青色", "es": "verde azulado"},
        "text": {
            "en": {"name": "Regional innovation"},
            "zh-hans": {"name": "区域创新"},
            "es": {"name": "Innovación regional"},
        },
    },
    {
        "slug": "sustainable-cities",
        "parent": "cooperation",
        "colour": "#2e7d32",
        "colour_name": {"en": "green", "zh-hans": "绿色", "es": "verde"},
        "text": {
            "en": {"name": "Sustainable cities"},
            "zh-hans": {"name": "可持续城市"},
            "es": {"name": "Ciudades sostenibles"},
        },
    },
    {
        "slug": "climate-action",
        "parent": "cooperation",
        "colour": "#8a5a00",
        "colour_name": {"en": "ochre", "zh-hans": "赭色", "es": "ocre"},
        "text": {
            "en": {"name": "Climate action"},
            "zh-hans": {"name": "气候行动"},
            "es": {"name": "Acción climática"},
        },
    },
    {
        "slug": "event-types",
        "parent": None,
        "colour": "#455a64",
        "colour_name": {"en": "slate grey", "zh-hans": "石板灰色", "es": "gris pizarra"},
        "text": {
            "en": {"name": "Event types"},
            "zh-hans": {"name": "活动类型"},
            "es": {"name": "Tipos de evento"},
        },
    },
    {
        "slug": "webinar",
        "parent": "event-types",
        "colour": "#6b3fa0",
        "colour_name": {"en": "purple", "zh-hans": "紫色", "es": "morado"},
        "text": {
            "en": {"name": "Webinar"},
            "zh-hans": {"name": "网络研讨会"},
            "es": {"name": "Webinario"},
        },
    },
    {
        "slug": "workshop",
        "parent": "event-types",
        "colour": "#c0392b",
        "colour_name": {"en": "red", "zh-hans": "红色", "es": "rojo"},
        "text": {
            "en": {"name": "Workshop"},
            "zh-hans": {"name": "工作坊"},
            "es": {"name": "Taller"},
        },
    },
    {
        "slug": "study-visit",
        "parent": "event-types",
        "colour": "#ad1457",
        "colour_name": {"en": "magenta", "zh-hans": "洋红色", "es": "magenta"},
        "text": {
            "en": {"name": "Study visit"},
            "zh-hans": {"name": "考察访问"},
            "es": {"name": "Visita de estudio"},
        },
    },
    {
        "slug": "conference",
        "parent": "event-types",
        "colour": "#283593",
        "colour_name": {"en": "indigo", "zh-hans": "靛蓝色", "es": "índigo"},
        "text": {
            "en": {"name": "Conference"},
            "zh-hans": {"name": "会议"},
            "es": {"name": "Conferencia"},
        },
    },
]

# slug: (English, Simplified Chinese, Spanish)
TAGS: dict[str, tuple[str, str, str]] = {
    "china": ("China", "中国", "China"),
    "latin-america": ("Latin America", "拉丁美洲", "América Latina"),
    "innovation": ("Innovation", "创新", "Innovación"),
    "green-transition": ("Green transition", "绿色转型", "Transición verde"),
    "digital-transition": ("Digital transition", "数字转型", "Transformación digital"),
    "climate": ("Climate", "气候", "Clima"),
    "circular-economy": ("Circular economy", "循环经济", "Economía circular"),
    "mobility": ("Mobility", "交通出行", "Movilidad"),
    "smart-cities": ("Smart cities", "智慧城市", "Ciudades inteligentes"),
    "research": ("Research", "研究", "Investigación"),
    "water": ("Water", "水资源", "Agua"),
    "housing": ("Housing", "住房", "Vivienda"),
}

VENUES: list[dict[str, Any]] = [
    {
        "slug": "committee-of-the-regions",
        "fields": {
            "latitude": Decimal("50.838500"),
            "longitude": Decimal("4.376300"),
            "url": "https://cor.europa.eu",
        },
        "text": {
            "en": {
                "name": "European Committee of the Regions, Jacques Delors building",
                "address": "Rue Belliard 99-101\n1040 Brussels\nBelgium",
            },
            "zh-hans": {
                "name": "欧洲地区委员会 雅克·德洛尔大楼",
                "address": "比利时布鲁塞尔 Rue Belliard 99-101号,邮编1040",
            },
        },
    },
    {
        "slug": "tongji-university",
        "fields": {
            "latitude": Decimal("31.283900"),
            "longitude": Decimal("121.501500"),
            "url": "https://www.tongji.edu.cn",
        },
        "text": {
            "en": {
                "name": "Tongji University, College of Architecture and Urban Planning",
                "address": "1239 Siping Road, Yangpu District\nShanghai 200092\nChina",
            },
            "zh-hans": {
                "name": "同济大学建筑与城市规划学院",
                "address": "中国上海市杨浦区四平路1239号,邮编200092",
            },
        },
    },
    {
        "slug": "qingdao-international-convention-center",
        "fields": {"latitude": Decimal("36.061000"), "longitude": Decimal("120.384000")},
        "text": {
            "en": {
                "name": "Qingdao International Convention Center",
                "address": "9 Aomen Road, Shinan District\nQingdao, Shandong 266071\nChina",
            },
            "zh-hans": {
                "name": "青岛国际会议中心",
                "address": "中国山东省青岛市市南区澳门路9号,邮编266071",
            },
        },
    },
    {
        "slug": "sao-paulo-city-hall",
        "fields": {
            "latitude": Decimal("-23.545500"),
            "longitude": Decimal("-46.637700"),
            "url": "https://www.prefeitura.sp.gov.br",
        },
        "text": {
            "en": {
                "name": "São Paulo City Hall (Edifício Matarazzo)",
                "address": "Viaduto do Chá 15, Centro\nSão Paulo - SP, 01002-020\nBrazil",
            },
            "zh-hans": {
                "name": "圣保罗市政厅(马塔拉佐大厦)",
                "address": "巴西圣保罗市中心 Viaduto do Chá 15号,邮编01002-020",
            },
            "es": {
                "name": "Prefectura de São Paulo (Edifício Matarazzo)",
                "address": "Viaduto do Chá 15, Centro\nSão Paulo - SP, 01002-020\nBrasil",
            },
        },
    },
    {
        "slug": "tlatelolco-cultural-centre",
        "fields": {
            "latitude": Decimal("19.450300"),
            "longitude": Decimal("-99.137900"),
            "url": "https://tlatelolco.unam.mx",
        },
        "text": {
            "en": {
                "name": "Tlatelolco University Cultural Centre (UNAM)",
                "address": "Av. Ricardo Flores Magón 1, Nonoalco Tlatelolco\n"
                "Cuauhtémoc, 06900 Mexico City\nMexico",
            },
            "zh-hans": {
                "name": "墨西哥国立自治大学特拉特洛尔科文化中心",
                "address": "墨西哥城夸乌特莫克区 Ricardo Flores Magón 大道1号,邮编06900",
            },
            "es": {
                "name": "Centro Cultural Universitario Tlatelolco (UNAM)",
                "address": "Av. Ricardo Flores Magón 1, Nonoalco Tlatelolco\n"
                "Cuauhtémoc, 06900 Ciudad de México\nMéxico",
            },
        },
    },
    {
        "slug": "tu-berlin",
        "fields": {
            "latitude": Decimal("52.512500"),
            "longitude": Decimal("13.326900"),
            "url": "https://www.tu.berlin",
        },
        "text": {
            "en": {
                "name": "Technische Universität Berlin, Main Building",
                "address": "Straße des 17. Juni 135\n10623 Berlin\nGermany",
            },
            "zh-hans": {
                "name": "柏林工业大学主楼",
                "address": "德国柏林 Straße des 17. Juni 135号,邮编10623",
            },
        },
    },
    {
        "slug": "euskalduna-bilbao",
        "fields": {
            "latitude": Decimal("43.266900"),
            "longitude": Decimal("-2.945300"),
            "url": "https://www.euskalduna.eus",
        },
        "text": {
            "en": {
                "name": "Euskalduna Conference Centre",
                "address": "Abandoibarra Etorbidea 4\n48011 Bilbao\nSpain",
            },
            "zh-hans": {
                "name": "毕尔巴鄂尤斯卡尔杜纳会议中心",
                "address": "西班牙毕尔巴鄂 Abandoibarra Etorbidea 4号,邮编48011",
            },
            "es": {
                "name": "Palacio Euskalduna",
                "address": "Abandoibarra Etorbidea 4\n48011 Bilbao\nEspaña",
            },
        },
    },
]

ORGANIZERS: list[dict[str, Any]] = [
    {
        "slug": "iurc",
        "fields": {"url": "https://www.iurc.eu"},
        "text": {
            "en": {
                "name": "International Urban and Regional Cooperation (IURC)",
                "description": "An EU programme that links cities and regions in Europe with"
                " partners in Asia, Australasia and the Americas on sustainable urban"
                " development and regional innovation.",
            },
            "zh-hans": {
                "name": "国际城市与区域合作(IURC)",
                "description": "欧盟资助的项目,连接欧洲与亚洲、大洋洲和美洲的城市和地区,"
                "围绕可持续城市发展和区域创新开展合作。",
            },
            "es": {
                "name": "Cooperación Internacional Urbana y Regional (IURC)",
                "description": "Programa de la UE que vincula ciudades y regiones de Europa con"
                " socios de Asia, Australasia y las Américas en desarrollo urbano sostenible"
                " e innovación regional.",
            },
        },
    },
    {
        "slug": "dg-regio",
        "fields": {"url": "https://ec.europa.eu/regional_policy"},
        "text": {
            "en": {
                "name": "European Commission, Directorate-General for Regional and Urban Policy",
                "description": "Responsible for EU cohesion policy and for the EU–China"
                " regional policy dialogue.",
            },
            "zh-hans": {
                "name": "欧盟委员会地区与城市政策总司",
                "description": "负责欧盟凝聚政策及中欧区域政策对话。",
            },
        },
    },
    {
        "slug": "ccud",
        "fields": {"url": "https://www.ccud.org.cn"},
        "text": {
            "en": {
                "name": "China Center for Urban Development",
                "description": "Think tank of China's National Development and Reform"
                " Commission on urbanisation policy.",
            },
            "zh-hans": {
                "name": "国家发展和改革委员会城市和小城镇改革发展中心",
                "description": "国家发展和改革委员会直属的城镇化政策研究机构。",
            },
        },
    },
    {
        "slug": "tongji-caup",
        "fields": {"url": "https://caup.tongji.edu.cn"},
        "text": {
            "en": {
                "name": "Tongji University College of Architecture and Urban Planning",
                "description": "One of China's leading schools of urban planning, in Shanghai.",
            },
            "zh-hans": {
                "name": "同济大学建筑与城市规划学院",
                "description": "位于上海,是中国领先的城市规划院校之一。",
            },
        },
    },
    {
        "slug": "mercociudades",
        "fields": {"url": "https://mercociudades.org"},
        "text": {
            "en": {
                "name": "Mercociudades",
                "description": "A network of more than 300 South American cities working"
                " together on local development.",
            },
            "zh-hans": {
                "name": "南方共同市场城市网络",
                "description": "由南美洲300多个城市组成的地方发展合作网络。",
            },
            "es": {
                "name": "Mercociudades",
                "description": "Red de más de 300 ciudades sudamericanas que cooperan en"
                " desarrollo local.",
            },
        },
    },
    {
        "slug": "urban-futures",
        "fields": {
            "url": "https://urban-futures.example.org",
            "email": "contact@urban-futures.example.org",
        },
        "text": {
            "en": {
                "name": "Urban Futures Research Network",
                "description": "A network of European universities researching urban and"
                " regional innovation, with partners in China and Latin America.",
            },
            "zh-hans": {
                "name": "城市未来研究网络",
                "description": "由欧洲多所大学组成的城市与区域创新研究网络,"
                "在中国和拉丁美洲设有合作伙伴。",
            },
        },
    },
]

# --------------------------------------------------------------------------- the seed
# The seed page's full text, with the headings and numbered lists it lost restored.

SEED_EN = (
    "<h3>Background</h3>"
    "<p>In the past two decades, regional innovation development policies have been widely"
    " discussed and implemented throughout the world. It is essential for the national and"
    " local governments to develop a strong innovation ecosystem, and react to the growing"
    " challenges of societies. Nowadays active circulation of know-how and innovation"
    " significantly contributes to the regional development and quality of life of the"
    " people.</p>"
    "<p>The EU has implemented the Regional Innovation Strategy (RIS) since 2002 to enable"
    " sustainable, inclusive, and smart growth. Regional decision-makers endeavour to adopt"
    " regional policies to ensure local thematic priorities and foster innovation, growth,"
    " and entrepreneurship and participate in international cooperation network. The"
    " European Commission aligned the investment policies to the challenges and needs for"
    " knowledge-based regional development and increased the region´s competitiveness with"
    " the triple helix approach (interaction of academic, industry and government). Since"
    " 2014, China has been developing the strategic regional innovation ecosystem,"
    " especially in Bohai Delta, the Yangtze River Delta and the Pearl River Delta. Shandong"
    " province also transformed the manufacturing sector from the automobile industry to"
    " E-automobiles and Industrial Internet. Learning from the good practices of developing"
    " innovation ecosystems in different regions, China is developing its unique regional"
    " innovation strategies with the co-evolution of multiple stakeholders.</p>"
    "<p>In 2020, under the framework of the EU-China Regional Policy Dialogue, a joint study"
    " of EU-China Regional Innovation was conducted by IUC (the previous phase of IURC). The"
    " study highlighted China´s experience in the regionalization of national innovation"
    " policy and the EU´s experience in the role of regions as independent actors"
    " developing an independent vision and strategy for innovation.</p>"
    "<p>This webinar is organized as a part of the IURC China thematic cluster working"
    " session, aiming to share how regions achieve green and digital transformation in"
    " regional development agendas and discuss how EU-China cooperation can help them to"
    " reach the goals.</p>"
    "<h3>Objectives</h3>"
    "<p>Through deep multilateral discussion, this thematic webinar seeks to showcase"
    " challenges and solutions of developing a regional innovation ecosystem, enhance green"
    " development, social inclusion and innovation in IURC pilot cities &amp; regions and"
    " provide them with a networking opportunity to:</p>"
    "<ol>"
    "<li>Share perspectives, policy initiatives, and best practices</li>"
    "<li>Identify potential common projects and relevant stakeholders to address the"
    " transition to a green and digital economy.</li>"
    "</ol>"
    "<h3>Target participants</h3>"
    "<p>This webinar will take place among:</p>"
    "<ol>"
    "<li>stakeholders from IURC China pilot cities and regions in the thematic group of"
    " Regional Innovation &amp; Smart and Sustainable Specialization Strategies;</li>"
    "<li>invited participants from IURC global community.</li>"
    "</ol>"
    "<h3>Date</h3>"
    "<p>Date: 2 June 2022, 09:00–11:00 Brussels time (15:00–17:00 Beijing time)</p>"
)

SEED_ZH = (
    "<h3>背景</h3>"
    "<p>欧盟自2002年以来实施了区域创新战略(RIS),以实现可持续、包容性和智慧增长。"
    "区域决策者以确保当地民生的优先战略,采取促进创新、创业和经济增长的区域政策,"
    "并融入国际合作网络。欧盟委员会将投资政策与区域知识创新能力所面临的挑战和需求相结合,"
    "并通过三螺旋方法(学术界、工业界和政府的互动)提高区域的竞争力。"
    "自 2014 年以来,中国一直在发展战略区域创新生态系统,特别是在环渤海湾地区、"
    "长江三角洲和珠江三角洲。山东省也将制造业从传统汽车行业向电动汽车和工业互联转型。"
    "通过借鉴不同地区发展创新生态系统的良好实践,中国正在发展其独特的区域创新战略,"
    "多方利益协作,共同发展。</p>"
    "<p>此次研讨会是作为欧盟国际城市与区域合作 IURC China 项目合作专题组工作会议的一部分,"
    "旨在分享各地区如何在区域发展议程中实现绿色和数字转型,"
    "并讨论中欧合作如何能协助实现上述目标。</p>"
    "<h3>目标</h3>"
    "<ol>"
    "<li>分享观点、政策倡议和最佳实践</li>"
    "<li>确认潜在的合作项目和利益相关者,以应对绿色及数字经济的转型</li>"
    "</ol>"
    "<h3>目标参与者</h3>"
    "<ol>"
    "<li>IURC China“区域创新与智慧和可持续专业化战略”专题合作小组内案例城市及区域的利益相关方</li>"
    "<li>受邀的IURC 全球社区成员</li>"
    "</ol>"
    "<h3>日期</h3>"
    "<p>日期:2022年6月2日 北京时间下午3-5点</p>"
)

# --------------------------------------------------------------------------- events
# Slugs are fixed (UID: demo-<slug>@almanac.demo). Nothing but the seed may touch the
# seed's week, 2022-05-29..2022-06-04, in any zone.

EVENTS: list[EventSpec] = [
    {
        "uid": SEED_UID,
        "slug": SEED_SLUG,
        "calendar": "iurc-china",
        "date": date(2022, 6, 2),
        "time": ("09:00", "11:00"),
        "online": True,
        "highlights_url": True,
        "image": True,
        "categories": ["webinar", "regional-innovation"],
        "organizers": ["iurc"],
        "tags": ["china", "innovation", "green-transition", "digital-transition"],
        "text": {
            "en": {
                "title": "IURC China Webinar: Regional Innovation & Smart Sustainable"
                " Specialization Strategies",
                "summary": "How European and Chinese regions build innovation ecosystems and"
                " smart, sustainable specialisation strategies for the green and digital"
                " transition.",
                "description": SEED_EN,
            },
            "zh-hans": {
                "title": "IURC China 研讨会:区域创新与智慧专业化战略",
                "summary": "探讨中欧地区如何构建区域创新生态系统和智慧、可持续专业化战略,"
                "推动绿色与数字转型。",
                "description": SEED_ZH,
            },
        },
    },
    # ----- around the seed: April–August 2022 -----
    {
        "slug": "iurc-china-webinar-low-carbon-cities",
        "calendar": "iurc-china",
        "date": date(2022, 4, 7),
        "time": ("09:00", "11:00"),
        "online": True,
        "video": True,
        "highlights_url": True,
        "image": True,
        "categories": ["climate-action", "webinar"],
        "organizers": ["iurc", "ccud"],
        "tags": ["china", "climate", "green-transition"],
        "text": {
            "en": {
                "title": "IURC China Webinar: Low-Carbon Cities and Carbon Neutrality Roadmaps",
                "summary": "How European and Chinese cities plan the route to carbon"
                " neutrality, from building retrofits to district heating.",
                "description": "<p>Cities in the EU and China have committed to ambitious"
                " climate targets: climate neutrality by 2050 in the EU, peak emissions before"
                " 2030 and carbon neutrality before 2060 in China. This webinar brings together"
                " pilot cities of the IURC China programme to compare how they turn these"
                " targets into local roadmaps.</p><p>Speakers from municipal climate offices"
                " present their monitoring systems, their priorities for buildings, transport"
                " and energy, and the financing models they use.</p>",
                "highlights": "<p>More than 120 participants from 18 cities joined the"
                " webinar. Speakers agreed that reliable emission inventories at district level"
                " are the first step, and several city pairs agreed to exchange data on"
                " building retrofit programmes.</p>",
            },
            "zh-hans": {
                "title": "IURC China 研讨会:低碳城市与碳中和路线图",
                "summary": "欧洲和中国城市如何规划实现碳中和的路径,从建筑改造到区域供热。",
                "description": "<p>欧盟承诺在2050年实现气候中和,中国提出力争2030年前实现"
                "碳达峰、2060年前实现碳中和。本次研讨会邀请IURC China项目试点城市,"
                "比较各地如何将这些目标转化为本地路线图。</p><p>来自城市气候管理部门的嘉宾"
                "将介绍各自的监测体系、在建筑、交通和能源领域的优先事项以及融资模式。</p>",
                "highlights": "<p>来自18个城市的120多位代表参加了本次研讨会。与会嘉宾一致认为,"
                "可靠的区级排放清单是第一步,多个结对城市同意就建筑改造项目交换数据。</p>",
            },
        },
    },
    {
        "slug": "workshop-nature-based-solutions-urban-regeneration",
        "calendar": "iurc-china",
        "date": date(2022, 4, 21),
        "time": ("10:00", "12:30"),
        "venue": "committee-of-the-regions",
        "online": True,
        "categories": ["sustainable-cities", "workshop"],
        "organizers": ["iurc", "dg-regio"],
        "tags": ["china", "green-transition"],
        "text": {
            "en": {
                "title": "Workshop: Nature-Based Solutions for Urban Regeneration",
                "summary": "Green roofs, urban forests and restored rivers: practitioners from"
                " Europe and China compare projects and costs.",
                "description": "<p>Nature-based solutions help cities cool down, manage"
                " stormwater and create public space at the same time. In this hybrid workshop,"
                " planners from European and Chinese pilot cities present regeneration projects"
                " and discuss how to measure their benefits.</p><p>Participants work in small"
                " groups on one case each and leave with a checklist for their own"
                " projects.</p>",
            },
            "zh-hans": {
                "title": "工作坊:基于自然的解决方案与城市更新",
                "summary": "屋顶绿化、城市森林和河道修复:欧洲和中国的实践者比较项目与成本。",
                "description": "<p>基于自然的解决方案能够同时帮助城市降温、管理雨水并创造公共"
                "空间。在这次线上线下结合的工作坊中,来自欧洲和中国试点城市的规划师将介绍城市"
                "更新项目,并讨论如何衡量其效益。</p><p>参与者将分组研讨具体案例,"
                "并获得一份可用于自身项目的检查清单。</p>",
            },
        },
    },
    {
        "slug": "latam-webinar-circular-economy-roadmaps",
        "calendar": "iurc-latam",
        "date": date(2022, 4, 26),
        "time": ("10:00", "12:00"),
        "zone": "America/Mexico_City",
        "online": True,
        "categories": ["sustainable-cities", "webinar"],
        "organizers": ["iurc", "mercociudades"],
        "tags": ["latin-america", "circular-economy"],
        "text": {
            "en": {
                "title": "Webinar: Circular Economy Roadmaps for Latin American Cities",
                "summary": "Bogotá, Quito and their European partners share how they design"
                " city-wide circular economy strategies.",
                "description": "<p>A growing number of Latin American cities are adopting"
                " circular economy roadmaps to reduce waste and create local jobs. This webinar"
                " presents the experience of cities in the IURC Latin America and Caribbean"
                " programme and their European partners.</p><p>The discussion covers public"
                " procurement, construction waste and the role of informal waste pickers.</p>",
            },
            "zh-hans": {
                "title": "网络研讨会:拉丁美洲城市的循环经济路线图",
                "summary": "波哥大、基多及其欧洲伙伴城市分享如何制定全市循环经济战略。",
                "description": "<p>越来越多的拉丁美洲城市正在制定循环经济路线图,以减少废弃物"
                "并创造本地就业。本次研讨会介绍IURC拉丁美洲和加勒比项目城市及其欧洲伙伴的"
                "经验。</p><p>讨论内容包括公共采购、建筑垃圾以及非正规拾荒者的作用。</p>",
            },
            "es": {
                "title": "Webinario: Hojas de ruta de economía circular para ciudades"
                " latinoamericanas",
                "summary": "Bogotá, Quito y sus socios europeos comparten cómo diseñan"
                " estrategias de economía circular para toda la ciudad.",
                "description": "<p>Cada vez más ciudades latinoamericanas adoptan hojas de ruta"
                " de economía circular para reducir residuos y crear empleo local. Este"
                " webinario presenta la experiencia de ciudades del programa IURC América"
                " Latina y el Caribe y de sus socios europeos.</p><p>El debate aborda la"
                " contratación pública, los residuos de construcción y el papel de los"
                " recicladores de base.</p>",
            },
        },
    },
    {
        "slug": "research-colloquium-triple-helix",
        "calendar": "research-network",
        "date": date(2022, 5, 5),
        "time": ("14:00", "16:00"),
        "online": True,
        "categories": ["regional-innovation", "webinar"],
        "organizers": ["urban-futures"],
        "tags": ["research", "innovation"],
        "text": {
            "en": {
                "title": "Colloquium: Triple Helix Partnerships in Regional Innovation",
                "summary": "Researchers discuss what makes cooperation between universities,"
                " firms and regional governments last.",
                "description": "<p>The triple helix model, in which universities, industry"
                " and government work together, underpins many regional innovation strategies."
                " Three researchers present comparative evidence from Germany, Finland and"
                " Guangdong on which partnership structures survive changes of government and"
                " funding cycles.</p>",
            },
        },
    },
    {
        "slug": "study-visit-qingdao-blue-economy",
        "calendar": "iurc-china",
        "date": date(2022, 5, 10),
        "days": 4,
        "time": ("09:00", "17:00"),
        "zone": "Asia/Shanghai",
        "venue": "qingdao-international-convention-center",
        "image": True,
        "categories": ["study-visit", "regional-innovation"],
        "organizers": ["iurc", "ccud"],
        "tags": ["china", "innovation", "water"],
        "text": {
            "en": {
                "title": "Study Visit: Qingdao Blue Economy and Port Innovation",
                "summary": "Four days in Qingdao with European port cities: marine research,"
                " port automation and coastal protection.",
                "description": "<p>Delegations from European port cities visit Qingdao, one of"
                " the IURC China pilot cities, to learn how the city links marine research"
                " institutes, the port and local industry. The programme includes visits to an"
                " automated container terminal, a marine science park and coastal restoration"
                " sites.</p><p>Each day ends with a working session in which the delegations"
                " and their Chinese hosts identify topics for joint projects.</p>",
            },
            "zh-hans": {
                "title": "考察访问:青岛蓝色经济与港口创新",
                "summary": "欧洲港口城市代表团在青岛开展为期四天的考察:海洋科研、"
                "港口自动化与海岸带保护。",
                "description": "<p>欧洲港口城市代表团赴IURC China试点城市青岛考察,了解该市"
                "如何将海洋科研机构、港口和本地产业联系起来。行程包括参观自动化集装箱码头、"
                "海洋科技园区和海岸带修复项目。</p><p>每天的行程以工作会议结束,"
                "代表团与中方伙伴共同确定联合项目的主题。</p>",
            },
        },
    },
    {
        "slug": "iurc-china-webinar-green-buildings",
        "calendar": "iurc-china",
        "date": date(2022, 5, 19),
        "time": ("09:00", "10:30"),
        "online": True,
        "categories": ["sustainable-cities", "webinar"],
        "organizers": ["iurc"],
        "tags": ["china", "green-transition"],
        "text": {
            "en": {
                "title": "IURC China Webinar: Green Buildings and Energy Efficiency",
                "summary": "Standards, retrofits and financing for low-energy buildings in"
                " European and Chinese cities.",
                "description": "<p>Buildings account for about 40% of energy use in the EU and"
                " a growing share in China. Experts from both sides compare building codes and"
                " certification schemes, and city officials present large retrofit programmes"
                " for residential districts.</p>",
            },
            "zh-hans": {
                "title": "IURC China 研讨会:绿色建筑与能效提升",
                "summary": "欧洲和中国城市低能耗建筑的标准、改造与融资。",
                "description": "<p>建筑能耗约占欧盟能源消费的40%,在中国所占比重也在不断"
                "上升。来自双方的专家将比较建筑规范和认证体系,城市官员将介绍大规模住宅小区"
                "改造项目。</p>",
            },
        },
    },
    {
        "slug": "webinar-digital-twins-urban-planning",
        "calendar": "research-network",
        "date": date(2022, 5, 25),
        "time": ("09:30", "11:30"),
        "online": True,
        "image": True,
        "categories": ["regional-innovation", "webinar"],
        "organizers": ["urban-futures", "tongji-caup"],
        "tags": ["smart-cities", "digital-transition", "research"],
        "text": {
            "en": {
                "title": "Webinar: Digital Twins for Urban Planning",
                "summary": "What city-scale digital twins can and cannot do, with examples from"
                " Rotterdam, Helsinki and Shanghai.",
                "description": "<p>Digital twins, detailed 3D models of a city fed with live"
                " data, promise better planning decisions. Researchers and city staff from"
                " Rotterdam, Helsinki and Shanghai show what their models are used for today,"
                " what they cost to maintain and how they handle data protection.</p>",
            },
            "zh-hans": {
                "title": "网络研讨会:数字孪生与城市规划",
                "summary": "城市级数字孪生能做什么、不能做什么——来自鹿特丹、赫尔辛基和上海的案例。",
                "description": "<p>数字孪生是接入实时数据的精细三维城市模型,有望帮助作出更好的"
                "规划决策。来自鹿特丹、赫尔辛基和上海的研究人员与城市工作人员将展示这些模型"
                "目前的用途、维护成本以及数据保护方面的做法。</p>",
            },
        },
    },
    {
        "slug": "iurc-china-webinar-circular-industrial-parks",
        "calendar": "iurc-china",
        "date": date(2022, 6, 9),
        "time": ("09:00", "11:00"),
        "online": True,
        "categories": ["sustainable-cities", "webinar"],
        "organizers": ["iurc", "ccud"],
        "tags": ["china", "circular-economy"],
        "text": {
            "en": {
                "title": "IURC China Webinar: Circular Economy in Industrial Parks",
                "summary": "How industrial parks in China and Europe share energy, water and"
                " materials between companies.",
                "description": "<p>Industrial symbiosis turns one company's waste into"
                " another's raw material. This webinar presents eco-industrial parks in Jiangsu"
                " and Shandong alongside Kalundborg in Denmark and the port of Rotterdam, and"
                " discusses the policies that helped them grow.</p>",
            },
            "zh-hans": {
                "title": "IURC China 研讨会:工业园区循环经济",
                "summary": "中国和欧洲的工业园区如何在企业之间共享能源、水和原材料。",
                "description": "<p>产业共生可以将一家企业的废弃物变为另一家企业的原料。本次"
                "研讨会将介绍江苏和山东的生态工业园区,以及丹麦卡伦堡和荷兰鹿特丹港的经验,"
                "并讨论推动其发展的相关政策。</p>",
            },
        },
    },
    {
        "slug": "latam-webinar-sustainable-urban-mobility-plans",
        "calendar": "iurc-latam",
        "date": date(2022, 6, 16),
        "time": ("10:00", "12:00"),
        "online": True,
        "categories": ["sustainable-cities", "webinar"],
        "organizers": ["iurc", "mercociudades"],
        "tags": ["latin-america", "mobility"],
        "text": {
            "en": {
                "title": "Webinar: Sustainable Urban Mobility Plans",
                "summary": "From bus rapid transit to cycling networks: how cities in Latin"
                " America and Europe plan mobility together with residents.",
                "description": "<p>Sustainable urban mobility plans (SUMPs) are the EU's"
                " framework for planning transport around people rather than cars. Cities in"
                " Brazil, Colombia and Mexico have adapted the approach to their own context."
                " Speakers from Curitiba, Medellín and Lyon discuss participation, data and"
                " funding.</p>",
            },
            "zh-hans": {
                "title": "网络研讨会:可持续城市交通规划",
                "summary": "从快速公交到自行车网络:拉丁美洲和欧洲城市如何与居民共同规划交通。",
                "description": "<p>可持续城市交通规划(SUMP)是欧盟以人而非汽车为中心进行"
                "交通规划的框架。巴西、哥伦比亚和墨西哥的城市已根据本地情况对这一方法进行了"
                "调整。来自库里蒂巴、麦德林和里昂的嘉宾将讨论公众参与、数据和资金问题。</p>",
            },
            "es": {
                "title": "Webinario: Planes de movilidad urbana sostenible",
                "summary": "Del BRT a las redes ciclistas: cómo las ciudades de América Latina"
                " y Europa planifican la movilidad con sus habitantes.",
                "description": "<p>Los planes de movilidad urbana sostenible (PMUS) son el marco"
                " de la UE para planificar el transporte en torno a las personas y no a los"
                " automóviles. Ciudades de Brasil, Colombia y México han adaptado este enfoque"
                " a su propio contexto. Ponentes de Curitiba, Medellín y Lyon debaten sobre"
                " participación, datos y financiación.</p>",
            },
        },
    },
    # The Cooperation Days: a 3-day conference and, on its middle day, five more events,
    # so that 2022-06-22 shows "+N more" in the month view.
    {
        "slug": "iurc-cooperation-days-2022",
        "calendar": "iurc-china",
        "date": date(2022, 6, 21),
        "days": 3,
        "time": ("09:00", "17:00"),
        "venue": "committee-of-the-regions",
        "online": True,
        "external": True,
        "video": True,
        "highlights_url": True,
        "image": True,
        "categories": ["conference", "regional-innovation", "sustainable-cities"],
        "organizers": ["iurc", "dg-regio"],
        "tags": ["china", "latin-america", "innovation", "green-transition"],
        "text": {
            "en": {
                "title": "IURC Cooperation Days 2022",
                "summary": "Three days in Brussels with mayors, regional leaders and experts"
                " from the EU, China and Latin America.",
                "description": "<p>The IURC Cooperation Days bring together the cities and"
                " regions of the International Urban and Regional Cooperation programme once a"
                " year. The 2022 edition focuses on the green and digital transition and on"
                " what city-to-city cooperation has achieved since the programme started.</p>"
                "<ul><li>Day 1: opening plenary and reports from the thematic clusters</li>"
                "<li>Day 2: parallel sessions by region and theme</li>"
                "<li>Day 3: site visits in Brussels and closing plenary</li></ul>",
                "highlights": "<p>Over 400 participants from 90 cities and regions took part,"
                " half of them online. The closing plenary endorsed twelve new pilot"
                " cooperation projects, among them joint work on hydrogen, urban heat and"
                " circular construction.</p>",
            },
            "zh-hans": {
                "title": "IURC 合作日 2022",
                "summary": "来自欧盟、中国和拉丁美洲的市长、地区领导人和专家齐聚布鲁塞尔,"
                "为期三天。",
                "description": "<p>IURC合作日每年召集国际城市与区域合作项目的城市和地区。"
                "2022年的活动聚焦绿色与数字转型,并回顾项目启动以来城市间合作取得的成果。</p>"
                "<ul><li>第一天:开幕全体会议及各专题组报告</li>"
                "<li>第二天:按地区和主题举行的平行分会</li>"
                "<li>第三天:布鲁塞尔实地参观及闭幕全体会议</li></ul>",
                "highlights": "<p>来自90个城市和地区的400多名代表参加了会议,其中一半在线参会。"
                "闭幕全体会议通过了12个新的试点合作项目,涉及氢能、城市高温和循环建筑等"
                "领域。</p>",
            },
        },
    },
    {
        "slug": "cooperation-days-2022-plenary-green-deal",
        "calendar": "iurc-china",
        "date": date(2022, 6, 22),
        "time": ("09:30", "11:00"),
        "venue": "committee-of-the-regions",
        "online": True,
        "categories": ["conference", "climate-action"],
        "organizers": ["iurc", "dg-regio"],
        "tags": ["green-transition", "climate"],
        "text": {
            "en": {
                "title": "Plenary: Cities and Regions Delivering the Green Deal",
                "summary": "Mayors from Europe, China and Latin America on what it takes to turn"
                " climate plans into projects.",
                "description": "<p>The second day of the Cooperation Days opens with a plenary"
                " debate. Mayors and regional presidents explain which climate measures worked"
                " in their territories, where they met resistance and how international"
                " partners helped.</p>",
            },
            "zh-hans": {
                "title": "全体会议:城市和地区落实绿色新政",
                "summary": "来自欧洲、中国和拉丁美洲的市长探讨如何将气候规划转化为具体项目。",
                "description": "<p>合作日第二天以全体辩论开场。市长和地区领导人将介绍在本地"
                "行之有效的气候措施、遇到的阻力以及国际伙伴提供的帮助。</p>",
            },
        },
    },
    {
        "slug": "cooperation-days-2022-smart-specialisation",
        "calendar": "iurc-china",
        "date": date(2022, 6, 22),
        "time": ("11:30", "13:00"),
        "venue": "committee-of-the-regions",
        "online": True,
        "categories": ["conference", "regional-innovation"],
        "organizers": ["iurc", "ccud"],
        "tags": ["china", "innovation"],
        "text": {
            "en": {
                "title": "Parallel Session: EU–China Smart Specialisation Partnerships",
                "summary": "Regions from both sides present partnerships built around shared"
                " strengths in batteries, biotech and smart manufacturing.",
                "description": "<p>Smart specialisation asks each region to focus its"
                " innovation investment on a few areas where it has real strengths. This"
                " session looks at how European and Chinese regions with matching"
                " specialisations can cooperate, and at the rules on research security and"
                " intellectual property that shape such partnerships.</p>",
            },
            "zh-hans": {
                "title": "平行分会:中欧智慧专业化伙伴关系",
                "summary": "双方地区介绍围绕电池、生物技术和智能制造等共同优势建立的伙伴关系。",
                "description": "<p>智慧专业化要求每个地区将创新投资集中于少数真正具有优势的"
                "领域。本场分会探讨专业化方向相近的欧洲和中国地区如何开展合作,以及影响此类"
                "合作的科研安全和知识产权规则。</p>",
            },
        },
    },
    {
        "slug": "cooperation-days-2022-eu-latam-mobility",
        "calendar": "iurc-latam",
        "date": date(2022, 6, 22),
        "time": ("14:00", "15:30"),
        "zone": "Europe/Brussels",
        "venue": "committee-of-the-regions",
        "online": True,
        "categories": ["conference", "sustainable-cities"],
        "organizers": ["iurc", "mercociudades"],
        "tags": ["latin-america", "mobility"],
        "text": {
            "en": {
                "title": "Parallel Session: EU–Latin America Cooperation on Urban Mobility",
                "summary": "Electric buses, cable cars and cycling: city pairs from both regions"
                " report on their joint projects.",
                "description": "<p>Several IURC city pairs work on public transport. In this"
                " session, Bogotá and Barcelona present their exchange on electric bus fleets,"
                " Medellín and Grenoble compare cable car systems, and Montevideo shares its"
                " cycling plan developed with Dutch partners.</p>",
            },
            "zh-hans": {
                "title": "平行分会:欧盟与拉丁美洲城市交通合作",
                "summary": "电动公交、城市缆车与自行车出行:两个地区的结对城市汇报联合项目进展。",
                "description": "<p>多个IURC结对城市在公共交通领域开展合作。在本场分会中,"
                "波哥大和巴塞罗那将介绍电动公交车队方面的交流,麦德林和格勒诺布尔将比较城市"
                "缆车系统,蒙得维的亚将分享与荷兰伙伴共同制定的自行车出行规划。</p>",
            },
            "es": {
                "title": "Sesión paralela: Cooperación UE–América Latina en movilidad urbana",
                "summary": "Buses eléctricos, teleféricos y bicicleta: parejas de ciudades de"
                " ambas regiones presentan sus proyectos conjuntos.",
                "description": "<p>Varias parejas de ciudades del IURC trabajan en transporte"
                " público. En esta sesión, Bogotá y Barcelona presentan su intercambio sobre"
                " flotas de buses eléctricos, Medellín y Grenoble comparan sus sistemas de"
                " teleférico y Montevideo comparte su plan ciclista elaborado con socios"
                " neerlandeses.</p>",
            },
        },
    },
    {
        "slug": "cooperation-days-2022-research-roundtable",
        "calendar": "research-network",
        "date": date(2022, 6, 22),
        "time": ("16:00", "17:30"),
        "zone": "Europe/Brussels",
        "venue": "committee-of-the-regions",
        "categories": ["conference", "regional-innovation"],
        "organizers": ["urban-futures"],
        "tags": ["research", "innovation"],
        "text": {
            "en": {
                "title": "Research Roundtable: Measuring Regional Innovation Ecosystems",
                "summary": "Which indicators capture how well a regional innovation ecosystem"
                " works? Researchers and statisticians compare notes.",
                "description": "<p>Patent counts and R&amp;D spending tell only part of the"
                " story. Researchers from the Urban Futures network, Eurostat and Chinese"
                " universities discuss new indicators for collaboration, skills and start-up"
                " dynamics, and the data needed to compare regions across continents.</p>",
            },
            "zh-hans": {
                "title": "研究圆桌会议:如何衡量区域创新生态系统",
                "summary": "哪些指标能够反映区域创新生态系统的运行状况?研究人员与统计专家"
                "交流经验。",
                "description": "<p>专利数量和研发投入只能反映部分情况。来自城市未来研究网络、"
                "欧盟统计局和中国高校的研究人员将讨论衡量合作、技能和初创企业活力的新指标,"
                "以及跨大洲比较各地区所需的数据。</p>",
            },
        },
    },
    {
        "slug": "cooperation-days-2022-networking-reception",
        "calendar": "iurc-china",
        "date": date(2022, 6, 22),
        "time": ("18:00", "20:00"),
        "venue": "committee-of-the-regions",
        "categories": ["conference"],
        "organizers": ["iurc"],
        "tags": ["china", "latin-america"],
        "text": {
            "en": {
                "title": "Networking Reception of the Cooperation Days",
                "summary": "An evening for delegations, partners and speakers to meet informally.",
                "description": "<p>After the parallel sessions, all participants present in"
                " Brussels are invited to a reception on the terrace of the Jacques Delors"
                " building. Please bring your conference badge.</p>",
            },
            "zh-hans": {
                "title": "合作日交流酒会",
                "summary": "代表团、合作伙伴和演讲嘉宾非正式交流的晚间活动。",
                "description": "<p>平行分会结束后,所有在布鲁塞尔现场参会的代表受邀参加在"
                "雅克·德洛尔大楼露台举行的酒会。入场请出示会议证件。</p>",
            },
        },
    },
    {
        "slug": "latam-webinar-integrated-water-management",
        "calendar": "iurc-latam",
        "date": date(2022, 6, 28),
        "time": ("10:00", "12:00"),
        "online": True,
        "categories": ["climate-action", "webinar"],
        "organizers": ["iurc"],
        "tags": ["latin-america", "water", "climate"],
        "text": {
            "en": {
                "title": "Webinar: Integrated Water Management in Latin American Cities",
                "summary": "Drought, floods and ageing networks: how cities manage water as one"
                " system.",
                "description": "<p>Cities such as São Paulo and Mexico City have faced both"
                " severe droughts and floods in recent years. Water utilities and planners from"
                " Brazil, Mexico, Spain and the Netherlands discuss catchment protection,"
                " leakage reduction and sponge-city measures.</p>",
            },
            "zh-hans": {
                "title": "网络研讨会:拉丁美洲城市的水资源综合管理",
                "summary": "干旱、洪涝与老化管网:城市如何将水作为一个整体系统来管理。",
                "description": "<p>近年来,圣保罗和墨西哥城等城市既经历了严重干旱,也遭受了"
                "洪涝灾害。来自巴西、墨西哥、西班牙和荷兰的水务公司与规划人员将讨论水源地"
                "保护、减少管网漏损和海绵城市措施。</p>",
            },
            "es": {
                "title": "Webinario: Gestión integrada del agua en ciudades latinoamericanas",
                "summary": "Sequías, inundaciones y redes envejecidas: cómo gestionar el agua de"
                " la ciudad como un solo sistema.",
                "description": "<p>Ciudades como São Paulo y Ciudad de México han sufrido en los"
                " últimos años tanto sequías graves como inundaciones. Empresas de agua y"
                " planificadores de Brasil, México, España y los Países Bajos debaten sobre"
                " protección de cuencas, reducción de fugas y medidas de ciudad esponja.</p>",
            },
        },
    },
    {
        "slug": "study-visit-bilbao-urban-regeneration",
        "calendar": "iurc-latam",
        "date": date(2022, 7, 5),
        "days": 4,
        "zone": "Europe/Madrid",
        "venue": "euskalduna-bilbao",
        "highlights_url": True,
        "image": True,
        "categories": ["study-visit", "sustainable-cities"],
        "organizers": ["iurc", "mercociudades"],
        "tags": ["latin-america"],
        "text": {
            "en": {
                "title": "Study Visit: Urban Regeneration in Bilbao",
                "summary": "Delegations from Latin American cities see how Bilbao turned a"
                " declining industrial port into a liveable city.",
                "description": "<p>Over thirty years, Bilbao transformed its river banks,"
                " former shipyards and steelworks into parks, housing and cultural venues."
                " Representatives of Latin American IURC cities meet the public agencies that"
                " led the regeneration and visit Abandoibarra, Zorrotzaurre and the metro.</p>",
                "highlights": "<p>Eighteen delegates from nine Latin American cities took"
                " part. Córdoba and Bilbao agreed to work together on the regeneration of"
                " Córdoba's former railway land.</p>",
            },
            "zh-hans": {
                "title": "考察访问:毕尔巴鄂城市更新",
                "summary": "拉丁美洲城市代表团实地了解毕尔巴鄂如何将衰退的工业港口转变为宜居城市。",
                "description": "<p>三十年来,毕尔巴鄂将河岸、旧造船厂和钢铁厂改造为公园、住宅"
                "和文化设施。IURC拉丁美洲城市代表将与主导城市更新的公共机构会面,并参观"
                "阿班多伊巴拉、索罗特萨乌雷和地铁系统。</p>",
                "highlights": "<p>来自9个拉丁美洲城市的18名代表参加了考察。科尔多瓦与毕尔巴鄂"
                "同意就科尔多瓦旧铁路用地的更新开展合作。</p>",
            },
            "es": {
                "title": "Visita de estudio: Regeneración urbana en Bilbao",
                "summary": "Delegaciones de ciudades latinoamericanas conocen cómo Bilbao"
                " transformó un puerto industrial en declive en una ciudad habitable.",
                "description": "<p>En treinta años, Bilbao transformó sus riberas, antiguos"
                " astilleros y acerías en parques, viviendas y espacios culturales."
                " Representantes de ciudades latinoamericanas del IURC se reúnen con las"
                " entidades públicas que lideraron la regeneración y visitan Abandoibarra,"
                " Zorrotzaurre y el metro.</p>",
                "highlights": "<p>Participaron dieciocho delegados de nueve ciudades"
                " latinoamericanas. Córdoba y Bilbao acordaron colaborar en la regeneración de"
                " los antiguos terrenos ferroviarios de Córdoba.</p>",
            },
        },
    },
    {
        "slug": "iurc-china-webinar-age-friendly-cities",
        "calendar": "iurc-china",
        "date": date(2022, 7, 12),
        "time": ("09:00", "10:30"),
        "online": True,
        "categories": ["sustainable-cities", "webinar"],
        "organizers": ["iurc", "ccud"],
        "tags": ["china", "housing"],
        "text": {
            "en": {
                "title": "IURC China Webinar: Age-Friendly Cities",
                "summary": "Housing, mobility and care services for ageing populations in"
                " Europe and China.",
                "description": "<p>Both Europe and China are ageing fast. City officials from"
                " Shanghai, Chengdu, Manchester and Bilbao present how they adapt housing,"
                " public transport and community care, following the WHO age-friendly cities"
                " framework.</p>",
            },
            "zh-hans": {
                "title": "IURC China 研讨会:老年友好型城市",
                "summary": "欧洲和中国面向老龄化人口的住房、出行与照护服务。",
                "description": "<p>欧洲和中国都在快速老龄化。来自上海、成都、曼彻斯特和"
                "毕尔巴鄂的城市官员将根据世界卫生组织“老年友好型城市”框架,介绍各自如何调整"
                "住房、公共交通和社区照护服务。</p>",
            },
        },
    },
    {
        "slug": "summer-school-urban-data-science-2022",
        "calendar": "research-network",
        "date": date(2022, 7, 25),
        "days": 5,
        "time": ("09:00", "17:00"),
        "venue": "tu-berlin",
        "external": True,
        "image": True,
        "categories": ["workshop", "regional-innovation"],
        "organizers": ["urban-futures", "tongji-caup"],
        "tags": ["research", "digital-transition", "smart-cities"],
        "text": {
            "en": {
                "title": "Summer School: Urban Data Science",
                "summary": "A five-day course for doctoral students and city analysts on working"
                " with open urban data.",
                "description": "<p>The summer school teaches practical methods for analysing"
                " mobility, land-use and energy data, with lectures in the morning and team"
                " projects in the afternoon. Teams use open data from Berlin and Shanghai and"
                " present their results on the last day.</p><p>Places are limited to 40"
                " participants; doctoral students of network member universities have"
                " priority.</p>",
            },
            "zh-hans": {
                "title": "暑期学校:城市数据科学",
                "summary": "面向博士生和城市数据分析人员的五天课程,主题为开放城市数据的应用。",
                "description": "<p>暑期学校讲授分析交通、土地利用和能源数据的实用方法,上午为"
                "讲座,下午为小组项目。各小组将使用柏林和上海的开放数据,并在最后一天展示"
                "成果。</p><p>名额限40人,网络成员高校的博士生优先。</p>",
            },
        },
    },
    {
        "slug": "webinar-heat-resilience-dense-cities",
        "calendar": "research-network",
        "date": date(2022, 8, 10),
        "time": ("15:00", "16:30"),
        "online": True,
        "categories": ["climate-action", "webinar"],
        "organizers": ["urban-futures"],
        "tags": ["climate", "research"],
        "text": {
            "en": {
                "title": "Webinar: Heat Resilience in Dense Cities",
                "summary": "After a summer of record temperatures, researchers present what"
                " works to keep dense neighbourhoods cool.",
                "description": "<p>The summer of 2022 broke temperature records across Europe"
                " and China. This webinar reviews evidence on cool roofs, street trees, shading"
                " and heat action plans, and asks which measures protect the most vulnerable"
                " residents.</p>",
            },
        },
    },
    {
        "slug": "latam-workshop-inclusive-public-spaces",
        "calendar": "iurc-latam",
        "date": date(2022, 8, 18),
        "time": ("10:00", "13:00"),
        "zone": "America/Mexico_City",
        "venue": "tlatelolco-cultural-centre",
        "online": True,
        "image": True,
        "categories": ["workshop", "sustainable-cities"],
        "organizers": ["mercociudades", "iurc"],
        "tags": ["latin-america"],
        "text": {
            "en": {
                "title": "Workshop: Inclusive Public Spaces",
                "summary": "Designing streets, parks and plazas that women, children and older"
                " people use safely.",
                "description": "<p>Public space is where a city is most visibly shared, or"
                " not. This hybrid workshop in Mexico City brings together planners from Mexico"
                " City, Bogotá, Vienna and Barcelona to discuss gender-sensitive design,"
                " lighting, and the participation of residents in the design process.</p>",
            },
            "zh-hans": {
                "title": "工作坊:包容性公共空间",
                "summary": "设计能让女性、儿童和老年人安全使用的街道、公园和广场。",
                "description": "<p>公共空间最直观地体现了一座城市是否为所有人共享。这次在"
                "墨西哥城举行的线上线下结合工作坊,将邀请来自墨西哥城、波哥大、维也纳和"
                "巴塞罗那的规划人员,讨论性别敏感设计、照明以及居民参与设计过程等议题。</p>",
            },
            "es": {
                "title": "Taller: Espacios públicos inclusivos",
                "summary": "Diseñar calles, parques y plazas que mujeres, niñas, niños y"
                " personas mayores usen con seguridad.",
                "description": "<p>El espacio público es donde la ciudad se comparte de forma"
                " más visible, o no. Este taller híbrido en Ciudad de México reúne a urbanistas"
                " de Ciudad de México, Bogotá, Viena y Barcelona para debatir sobre diseño con"
                " perspectiva de género, iluminación y participación vecinal en el diseño.</p>",
            },
        },
    },
    {
        "slug": "deadline-pilot-cooperation-projects-2023",
        "calendar": "iurc-china",
        "date": date(2022, 8, 31),
        "external": True,
        "categories": ["cooperation"],
        "organizers": ["iurc", "dg-regio"],
        "tags": ["china", "latin-america"],
        "text": {
            "en": {
                "title": "Deadline: Call for Pilot Cooperation Projects 2023",
                "summary": "Last day for IURC cities and regions to submit proposals for pilot"
                " cooperation projects starting in 2023.",
                "description": "<p>City and regional pairs in the IURC programme can apply for"
                " expert support for a pilot cooperation project. Proposals should describe the"
                " shared challenge, the partners and the expected results. The application form"
                " is on the programme website.</p>",
            },
            "zh-hans": {
                "title": "截止日期:2023年试点合作项目征集",
                "summary": "IURC城市和地区提交2023年试点合作项目申请的最后一天。",
                "description": "<p>IURC项目中的结对城市和地区可以为试点合作项目申请专家支持。"
                "申请书应说明共同面临的挑战、合作伙伴和预期成果。申请表可在项目网站"
                "下载。</p>",
            },
        },
    },
    # ----- around today: weeks relative to the 1st of the current month -----
    {
        "slug": "iurc-china-webinar-industrial-heritage",
        "calendar": "iurc-china",
        "week": -7,
        "weekday": TUESDAY,
        "time": ("09:00", "11:00"),
        "online": True,
        "video": True,
        "highlights_url": True,
        "image": True,
        "categories": ["sustainable-cities", "webinar"],
        "organizers": ["iurc", "tongji-caup"],
        "tags": ["china"],
        "text": {
            "en": {
                "title": "IURC China Webinar: Regenerating Industrial Heritage",
                "summary": "Former factories, docks and mines as new urban districts: lessons"
                " from the Ruhr, Shanghai and Shenyang.",
                "description": "<p>Industrial heritage can anchor the regeneration of whole"
                " districts. Speakers from the Ruhr region, Shanghai's Yangpu riverside and"
                " Shenyang's Tiexi district present how they combined conservation, new uses"
                " and private investment.</p>",
                "highlights": "<p>The recording is available on the programme website."
                " Speakers stressed early agreement on which buildings to keep, and the Yangpu"
                " team offered to host a study visit for European partners.</p>",
            },
            "zh-hans": {
                "title": "IURC China 研讨会:工业遗产的更新利用",
                "summary": "从旧工厂、码头和矿区到城市新片区:来自鲁尔区、上海和沈阳的经验。",
                "description": "<p>工业遗产可以成为整个片区更新的支点。来自德国鲁尔区、上海"
                "杨浦滨江和沈阳铁西区的嘉宾将介绍如何将遗产保护、功能更新和社会资本投资"
                "相结合。</p>",
                "highlights": "<p>会议录像已发布在项目网站上。嘉宾强调应尽早就保留哪些建筑"
                "达成共识,杨浦团队表示愿意接待欧洲伙伴开展考察。</p>",
            },
        },
    },
    {
        "slug": "latam-webinar-coastal-climate-adaptation",
        "calendar": "iurc-latam",
        "week": -6,
        "weekday": THURSDAY,
        "time": ("10:00", "12:00"),
        "online": True,
        "highlights_url": True,
        "categories": ["climate-action", "webinar"],
        "organizers": ["iurc"],
        "tags": ["latin-america", "climate", "water"],
        "text": {
            "en": {
                "title": "Webinar: Climate Adaptation in Coastal Cities",
                "summary": "Sea-level rise and storm surges: adaptation plans from Recife,"
                " Cartagena, Rotterdam and Venice.",
                "description": "<p>Coastal cities face rising seas and stronger storms."
                " Planners from Recife, Cartagena, Rotterdam and Venice compare flood defences,"
                " nature-based coastal protection and the difficult question of managed"
                " retreat.</p>",
                "highlights": "<p>Recife and Rotterdam will continue the exchange with a joint"
                " mapping of flood-prone neighbourhoods.</p>",
            },
            "zh-hans": {
                "title": "网络研讨会:沿海城市的气候适应",
                "summary": "海平面上升与风暴潮:累西腓、卡塔赫纳、鹿特丹和威尼斯的适应规划。",
                "description": "<p>沿海城市面临海平面上升和更强风暴的威胁。来自累西腓、"
                "卡塔赫纳、鹿特丹和威尼斯的规划人员将比较防洪设施、基于自然的海岸防护以及"
                "有计划撤离这一难题。</p>",
                "highlights": "<p>累西腓与鹿特丹将继续交流,共同绘制易涝社区分布图。</p>",
            },
            "es": {
                "title": "Webinario: Adaptación climática en ciudades costeras",
                "summary": "Aumento del nivel del mar y marejadas: planes de adaptación de"
                " Recife, Cartagena, Róterdam y Venecia.",
                "description": "<p>Las ciudades costeras enfrentan la subida del mar y"
                " tormentas más intensas. Urbanistas de Recife, Cartagena, Róterdam y Venecia"
                " comparan defensas contra inundaciones, protección costera basada en la"
                " naturaleza y la difícil cuestión del retiro planificado.</p>",
                "highlights": "<p>Recife y Róterdam continuarán el intercambio con un mapeo"
                " conjunto de los barrios expuestos a inundaciones.</p>",
            },
        },
    },
    {
        "slug": "workshop-regional-innovation-indicators",
        "calendar": "research-network",
        "week": -5,
        "weekday": MONDAY,
        "days": 2,
        "time": ("09:30", "16:00"),
        "venue": "tu-berlin",
        "categories": ["workshop", "regional-innovation"],
        "organizers": ["urban-futures"],
        "tags": ["research", "innovation"],
        "text": {
            "en": {
                "title": "Workshop: Regional Innovation Indicators",
                "summary": "Two days of hands-on work on a shared indicator set for comparing"
                " regional innovation ecosystems.",
                "description": "<p>Following the 2022 roundtable in Brussels, network members"
                " have drafted a set of indicators for regional innovation ecosystems. In this"
                " workshop they test the indicators on data from twelve regions in Europe and"
                " China and agree on a first public version.</p>",
            },
            "zh-hans": {
                "title": "工作坊:区域创新指标",
                "summary": "为期两天的实践研讨,共同制定用于比较区域创新生态系统的指标体系。",
                "description": "<p>继2022年布鲁塞尔圆桌会议之后,网络成员起草了一套区域创新"
                "生态系统指标。在本次工作坊中,他们将使用欧洲和中国12个地区的数据检验这些"
                "指标,并商定第一个公开版本。</p>",
            },
        },
    },
    {
        "slug": "workshop-transit-oriented-development",
        "calendar": "iurc-china",
        "week": -4,
        "weekday": WEDNESDAY,
        "time": ("14:00", "17:00"),
        "zone": "Asia/Shanghai",
        "venue": "tongji-university",
        "online": True,
        "image": True,
        "categories": ["workshop", "sustainable-cities"],
        "organizers": ["tongji-caup", "iurc"],
        "tags": ["china", "mobility"],
        "text": {
            "en": {
                "title": "Workshop: Transit-Oriented Development",
                "summary": "Planning dense, walkable districts around metro stations: Shanghai,"
                " Copenhagen and Stockholm compare methods.",
                "description": "<p>Transit-oriented development concentrates homes, jobs and"
                " services within walking distance of rail stations. At Tongji University,"
                " planners from Shanghai, Copenhagen and Stockholm present station-area"
                " projects, and participants work on a case study of a new metro line in"
                " Shanghai's suburbs.</p>",
            },
            "zh-hans": {
                "title": "工作坊:以公共交通为导向的开发(TOD)",
                "summary": "围绕地铁站规划高密度、适宜步行的片区:上海、哥本哈根和斯德哥尔摩"
                "比较各自方法。",
                "description": "<p>以公共交通为导向的开发将住宅、就业和服务集中在轨道交通站点"
                "的步行范围内。在同济大学举行的本次工作坊上,来自上海、哥本哈根和斯德哥尔摩"
                "的规划师将介绍站点地区项目,参与者将以上海郊区一条新建地铁线为案例开展"
                "研讨。</p>",
            },
        },
    },
    {
        "slug": "deadline-city-to-city-exchange-applications",
        "calendar": "iurc-latam",
        "week": -3,
        "weekday": FRIDAY,
        "external": True,
        "categories": ["cooperation"],
        "organizers": ["iurc", "mercociudades"],
        "tags": ["latin-america"],
        "text": {
            "en": {
                "title": "Deadline: Applications for the City-to-City Exchange Programme",
                "summary": "Last day for Latin American and Caribbean cities to apply for a peer"
                " exchange with a European city.",
                "description": "<p>The exchange programme pairs a Latin American or Caribbean"
                " city with a European city working on the same challenge. Selected pairs"
                " receive support for two staff exchanges and expert advice over twelve"
                " months.</p>",
            },
            "zh-hans": {
                "title": "截止日期:城市间交流项目申请",
                "summary": "拉丁美洲和加勒比城市申请与欧洲城市开展同行交流的最后一天。",
                "description": "<p>该交流项目将一座拉丁美洲或加勒比城市与一座面临相同挑战的"
                "欧洲城市结成伙伴。入选的结对城市将在12个月内获得两次人员互访支持和专家"
                "咨询。</p>",
            },
            "es": {
                "title": "Fecha límite: Postulaciones al programa de intercambio entre ciudades",
                "summary": "Último día para que las ciudades de América Latina y el Caribe"
                " postulen a un intercambio con una ciudad europea.",
                "description": "<p>El programa de intercambio une a una ciudad de América Latina"
                " o el Caribe con una ciudad europea que trabaja en el mismo desafío. Las"
                " parejas seleccionadas reciben apoyo para dos intercambios de personal y"
                " asesoría experta durante doce meses.</p>",
            },
        },
    },
    {
        "slug": "seminar-housing-affordability",
        "calendar": "research-network",
        "week": -2,
        "weekday": TUESDAY,
        "time": ("12:00", "13:00"),
        "online": True,
        "categories": ["sustainable-cities", "webinar"],
        "organizers": ["urban-futures"],
        "tags": ["housing", "research"],
        "text": {
            "en": {
                "title": "Seminar: Housing Affordability and Urban Policy",
                "summary": "Rent regulation, social housing and land policy: what the evidence"
                " from Vienna, Berlin and Singapore says.",
                "description": "<p>A lunchtime research seminar. Two network members present"
                " recent studies on how rent regulation, municipal land ownership and social"
                " housing affect affordability, followed by questions from the audience.</p>",
            },
        },
    },
    {
        "slug": "iurc-china-webinar-green-finance",
        "calendar": "iurc-china",
        "week": -1,
        "weekday": THURSDAY,
        "time": ("09:00", "10:30"),
        "online": True,
        "video": True,
        "image": True,
        "categories": ["climate-action", "webinar"],
        "organizers": ["iurc", "ccud"],
        "tags": ["china", "green-transition"],
        "text": {
            "en": {
                "title": "IURC China Webinar: Green Finance for Cities",
                "summary": "Green bonds, taxonomies and public–private funds for urban climate"
                " projects in Europe and China.",
                "description": "<p>Cities need large investments to meet their climate goals."
                " Experts compare the EU taxonomy with China's green bond catalogue, and city"
                " finance officers from Guangzhou, Huzhou and Milan explain how they prepared"
                " bankable projects.</p>",
            },
            "zh-hans": {
                "title": "IURC China 研讨会:城市绿色金融",
                "summary": "欧洲和中国城市气候项目的绿色债券、分类标准及公私合作基金。",
                "description": "<p>城市实现气候目标需要大量投资。专家将比较欧盟可持续金融分类"
                "法与中国《绿色债券支持项目目录》,来自广州、湖州和米兰的城市财政官员将介绍"
                "如何准备可融资的项目。</p>",
            },
        },
    },
    {
        "slug": "iurc-china-webinar-hydrogen-valleys",
        "calendar": "iurc-china",
        "week": 0,
        "weekday": WEDNESDAY,
        "time": ("09:00", "11:00"),
        "online": True,
        "image": True,
        "categories": ["regional-innovation", "webinar"],
        "organizers": ["iurc"],
        "tags": ["china", "green-transition", "innovation"],
        "text": {
            "en": {
                "title": "IURC China Webinar: Hydrogen Valleys and the Regional Energy Transition",
                "summary": "How regions build hydrogen production, storage and use into one"
                " local ecosystem.",
                "description": "<p>A hydrogen valley links production, storage and use of"
                " clean hydrogen within one region. Representatives of hydrogen valleys in the"
                " Netherlands, Spain and Shandong present their investment plans, the"
                " industries involved and the role of regional governments.</p>",
            },
            "zh-hans": {
                "title": "IURC China 研讨会:氢能谷与区域能源转型",
                "summary": "地区如何将氢能的生产、储存和应用整合为一个本地生态系统。",
                "description": "<p>氢能谷在一个地区内连接清洁氢能的生产、储存和应用。来自"
                "荷兰、西班牙和山东的氢能谷代表将介绍其投资计划、涉及的产业以及地方政府的"
                "作用。</p>",
            },
        },
    },
    # A busy Tuesday in the current month (five events), for "+N more" in today's month.
    {
        "slug": "iurc-china-cluster-smart-specialisation-progress",
        "calendar": "iurc-china",
        "week": 2,
        "weekday": TUESDAY,
        "time": ("09:00", "10:30"),
        "online": True,
        "categories": ["regional-innovation", "webinar"],
        "organizers": ["iurc"],
        "tags": ["china", "innovation"],
        "text": {
            "en": {
                "title": "IURC China Thematic Cluster: Smart Specialisation Progress Meeting",
                "summary": "Pilot regions report on the joint projects agreed after the regional"
                " innovation webinar.",
                "description": "<p>A working meeting of the IURC China thematic cluster on"
                " regional innovation and smart and sustainable specialisation strategies. Each"
                " pilot pair reports on progress, open questions and the support it needs for"
                " the coming months.</p>",
            },
            "zh-hans": {
                "title": "IURC China 专题组:智慧专业化进展会议",
                "summary": "试点地区汇报区域创新研讨会后商定的联合项目进展。",
                "description": "<p>IURC China“区域创新与智慧和可持续专业化战略”专题组工作"
                "会议。各试点结对伙伴将汇报项目进展、待解决的问题以及未来几个月所需的"
                "支持。</p>",
            },
        },
    },
    {
        "slug": "reading-group-regional-innovation-systems",
        "calendar": "research-network",
        "week": 2,
        "weekday": TUESDAY,
        "time": ("12:00", "13:00"),
        "online": True,
        "categories": ["regional-innovation", "webinar"],
        "organizers": ["urban-futures"],
        "tags": ["research"],
        "text": {
            "en": {
                "title": "Reading Group: Regional Innovation Systems",
                "summary": "Monthly online discussion of a recent paper; this month, a"
                " comparison of innovation policy in European and Chinese regions.",
                "description": "<p>The reading group meets online once a month. Participants"
                " read the selected paper in advance; a network member introduces it and"
                " moderates the discussion. New participants are welcome.</p>",
            },
        },
    },
    {
        "slug": "latam-workshop-participatory-budgeting",
        "calendar": "iurc-latam",
        "week": 2,
        "weekday": TUESDAY,
        "time": ("10:00", "13:00"),
        "zone": "America/Mexico_City",
        "venue": "tlatelolco-cultural-centre",
        "categories": ["workshop", "sustainable-cities"],
        "organizers": ["mercociudades"],
        "tags": ["latin-america"],
        "text": {
            "en": {
                "title": "Workshop: Participatory Budgeting",
                "summary": "Porto Alegre invented it in 1989; city staff from Mexico, Brazil,"
                " Portugal and Spain share how they run it today.",
                "description": "<p>Participatory budgeting lets residents decide how part of a"
                " city's budget is spent. This in-person workshop in Mexico City looks at"
                " digital voting, how to reach residents who rarely take part, and how to make"
                " sure that the projects chosen are actually built.</p>",
            },
            "zh-hans": {
                "title": "工作坊:参与式预算",
                "summary": "参与式预算1989年起源于阿雷格里港;来自墨西哥、巴西、葡萄牙和"
                "西班牙的城市工作人员分享当前的实践。",
                "description": "<p>参与式预算让居民决定城市部分预算的用途。这次在墨西哥城"
                "举行的线下工作坊将探讨线上投票、如何吸引很少参与的居民,以及如何确保入选"
                "项目真正落地。</p>",
            },
            "es": {
                "title": "Taller: Presupuesto participativo",
                "summary": "Porto Alegre lo inventó en 1989; equipos municipales de México,"
                " Brasil, Portugal y España comparten cómo lo aplican hoy.",
                "description": "<p>El presupuesto participativo permite que la ciudadanía"
                " decida en qué se gasta una parte del presupuesto municipal. Este taller"
                " presencial en Ciudad de México aborda el voto digital, cómo llegar a quienes"
                " rara vez participan y cómo asegurar que los proyectos elegidos se"
                " construyan.</p>",
            },
        },
    },
    {
        "slug": "pilot-pairs-smart-mobility-coordination",
        "calendar": "iurc-china",
        "week": 2,
        "weekday": TUESDAY,
        "time": ("15:00", "16:00"),
        "online": True,
        "categories": ["workshop", "sustainable-cities"],
        "organizers": ["iurc"],
        "tags": ["china", "mobility", "smart-cities"],
        "text": {
            "en": {
                "title": "Coordination Meeting: Pilot City Pairs on Smart Mobility",
                "summary": "EU and Chinese pilot cities working on smart mobility plan their"
                " next exchanges.",
                "description": "<p>An online coordination meeting for the city pairs of the"
                " smart mobility working group. The agenda covers data sharing between traffic"
                " management centres, the next study visits and a joint contribution to the"
                " annual meeting.</p>",
            },
            "zh-hans": {
                "title": "协调会议:智慧出行试点结对城市",
                "summary": "从事智慧出行合作的欧盟和中国试点城市规划下一阶段交流。",
                "description": "<p>智慧出行工作组结对城市的线上协调会议。议程包括交通管理中心"
                "之间的数据共享、下一次考察访问以及共同参与年度会议的准备工作。</p>",
            },
        },
    },
    {
        "slug": "latam-webinar-waste-to-resource",
        "calendar": "iurc-latam",
        "week": 2,
        "weekday": TUESDAY,
        "time": ("14:00", "15:30"),
        "online": True,
        "categories": ["sustainable-cities", "webinar"],
        "organizers": ["iurc", "mercociudades"],
        "tags": ["latin-america", "circular-economy"],
        "text": {
            "en": {
                "title": "Webinar: From Waste to Resource",
                "summary": "Composting, recycling cooperatives and biogas: practical waste"
                " strategies from Latin American and European cities.",
                "description": "<p>Organic waste makes up about half of municipal waste in many"
                " Latin American cities. Speakers from Belo Horizonte, Rosario, Milan and"
                " Ljubljana show how separate collection, composting and recycling cooperatives"
                " cut landfill use and create income.</p>",
            },
            "zh-hans": {
                "title": "网络研讨会:变废为宝",
                "summary": "堆肥、回收合作社与沼气:拉丁美洲和欧洲城市的实用废弃物管理策略。",
                "description": "<p>在许多拉丁美洲城市,有机垃圾约占城市生活垃圾的一半。来自"
                "贝洛奥里藏特、罗萨里奥、米兰和卢布尔雅那的嘉宾将介绍分类收集、堆肥和回收"
                "合作社如何减少填埋量并创造收入。</p>",
            },
            "es": {
                "title": "Webinario: De residuo a recurso",
                "summary": "Compostaje, cooperativas de reciclaje y biogás: estrategias"
                " prácticas de ciudades latinoamericanas y europeas.",
                "description": "<p>Los residuos orgánicos representan cerca de la mitad de los"
                " residuos municipales en muchas ciudades latinoamericanas. Ponentes de Belo"
                " Horizonte, Rosario, Milán y Liubliana muestran cómo la recogida separada, el"
                " compostaje y las cooperativas de reciclaje reducen el uso de vertederos y"
                " generan ingresos.</p>",
            },
        },
    },
    {
        "slug": "iurc-china-webinar-urban-food-systems",
        "calendar": "iurc-china",
        "week": 3,
        "weekday": THURSDAY,
        "time": ("09:00", "10:30"),
        "status": Event.Status.DRAFT,
        "online": True,
        "categories": ["sustainable-cities", "webinar"],
        "organizers": ["iurc"],
        "tags": ["china"],
        "text": {
            "en": {
                "title": "IURC China Webinar: Urban Food Systems",
                "summary": "Urban agriculture, food waste and short supply chains in European"
                " and Chinese cities.",
                "description": "<p>Programme to be confirmed. Speakers from Milan, Ghent,"
                " Nanjing and Chengdu have been invited to present their urban food"
                " strategies.</p>",
            },
            "zh-hans": {
                "title": "IURC China 研讨会:城市食物系统",
                "summary": "欧洲和中国城市的都市农业、食物浪费与短链供应。",
                "description": "<p>议程待定。已邀请来自米兰、根特、南京和成都的嘉宾介绍各自的"
                "城市食物战略。</p>",
            },
        },
    },
    {
        "slug": "study-visit-shanghai-suzhou-innovation-districts",
        "calendar": "iurc-china",
        "week": 4,
        "weekday": MONDAY,
        "days": 5,
        "time": ("09:00", "17:00"),
        "zone": "Asia/Shanghai",
        "venue": "tongji-university",
        "external": True,
        "image": True,
        "categories": ["study-visit", "regional-innovation"],
        "organizers": ["iurc", "tongji-caup", "ccud"],
        "tags": ["china", "innovation", "smart-cities"],
        "text": {
            "en": {
                "title": "Study Visit: Innovation Districts in Shanghai and Suzhou",
                "summary": "European regional delegations visit science parks, incubators and"
                " university campuses in the Yangtze River Delta.",
                "description": "<p>The Yangtze River Delta is one of China's three strategic"
                " regional innovation ecosystems. European delegations spend five days in"
                " Shanghai and Suzhou visiting Zhangjiang Science City, the Suzhou Industrial"
                " Park and Tongji University's innovation hub, and meet local governments to"
                " discuss cooperation.</p>",
            },
            "zh-hans": {
                "title": "考察访问:上海与苏州创新街区",
                "summary": "欧洲地区代表团考察长三角地区的科学园区、孵化器和大学校园。",
                "description": "<p>长江三角洲是中国三大战略性区域创新生态系统之一。欧洲代表团"
                "将在上海和苏州进行为期五天的考察,参观张江科学城、苏州工业园区和同济大学"
                "创新中心,并与地方政府就合作机会进行会谈。</p>",
            },
        },
    },
    {
        "slug": "urban-futures-annual-conference",
        "calendar": "research-network",
        "week": 6,
        "weekday": TUESDAY,
        "days": 3,
        "time": ("09:00", "17:00"),
        "venue": "tu-berlin",
        "online": True,
        "external": True,
        "image": True,
        "categories": ["conference", "regional-innovation", "sustainable-cities"],
        "organizers": ["urban-futures", "tongji-caup"],
        "tags": ["research", "innovation", "green-transition", "digital-transition"],
        "text": {
            "en": {
                "title": "Urban Futures Annual Conference",
                "summary": "Three days of research on how cities and regions change through the"
                " green and digital transition.",
                "description": "<p>The network's annual conference gathers about 300"
                " researchers, practitioners and policymakers. Keynotes, paper sessions and"
                " field trips in Berlin cover regional innovation, urban climate policy,"
                " housing and digital governance.</p>"
                "<ul><li>Day 1: keynotes and plenary panel</li>"
                "<li>Day 2: parallel paper sessions</li>"
                "<li>Day 3: field trips and closing debate</li></ul>",
            },
            "zh-hans": {
                "title": "城市未来年度会议",
                "summary": "为期三天的学术会议,探讨城市和地区如何在绿色与数字转型中发生变化。",
                "description": "<p>该网络的年度会议汇聚约300名研究人员、实践者和政策制定者。"
                "主旨演讲、论文分会和柏林实地考察涵盖区域创新、城市气候政策、住房和数字治理"
                "等主题。</p><ul><li>第一天:主旨演讲和全体讨论</li>"
                "<li>第二天:论文平行分会</li><li>第三天:实地考察和闭幕辩论</li></ul>",
            },
        },
    },
    {
        "slug": "latam-webinar-tourism-historic-centres",
        "calendar": "iurc-latam",
        "week": 7,
        "weekday": THURSDAY,
        "time": ("10:00", "11:30"),
        "status": Event.Status.CANCELLED,
        "online": True,
        "categories": ["sustainable-cities", "webinar"],
        "organizers": ["iurc"],
        "tags": ["latin-america"],
        "text": {
            "en": {
                "title": "Webinar: Sustainable Tourism in Historic City Centres",
                "summary": "Cancelled: this webinar will be rescheduled; registered participants"
                " will be informed by email.",
                "description": "<p>Cartagena, Cusco, Salvador and Dubrovnik were to discuss how"
                " historic centres can benefit from tourism without losing their residents."
                " <strong>This webinar has been cancelled</strong> because several speakers are"
                " unavailable; a new date will be announced.</p>",
            },
            "zh-hans": {
                "title": "网络研讨会:历史城区的可持续旅游",
                "summary": "已取消:本次研讨会将另行安排时间,已报名者将收到电子邮件通知。",
                "description": "<p>卡塔赫纳、库斯科、萨尔瓦多和杜布罗夫尼克原定讨论历史城区"
                "如何在从旅游业中受益的同时留住本地居民。<strong>由于多位嘉宾无法出席,"
                "本次研讨会已取消</strong>,新日期将另行公布。</p>",
            },
            "es": {
                "title": "Webinario: Turismo sostenible en centros históricos",
                "summary": "Cancelado: este webinario se reprogramará; se informará por correo a"
                " las personas inscritas.",
                "description": "<p>Cartagena, Cusco, Salvador y Dubrovnik iban a debatir cómo"
                " los centros históricos pueden beneficiarse del turismo sin perder a sus"
                " residentes. <strong>Este webinario se ha cancelado</strong> porque varios"
                " ponentes no están disponibles; se anunciará una nueva fecha.</p>",
            },
        },
    },
    {
        "slug": "iurc-china-webinar-sponge-cities",
        "calendar": "iurc-china",
        "week": 9,
        "weekday": WEDNESDAY,
        "time": ("09:00", "11:00"),
        "online": True,
        "categories": ["climate-action", "webinar"],
        "organizers": ["iurc", "ccud"],
        "tags": ["china", "water", "climate"],
        "text": {
            "en": {
                "title": "IURC China Webinar: Sponge Cities and Nature-Based Flood Management",
                "summary": "Lessons from China's sponge city programme, compared with European"
                " approaches to stormwater.",
                "description": "<p>Since 2015, China's sponge city programme has funded"
                " permeable surfaces, wetlands and rain gardens in dozens of pilot cities."
                " Experts from Wuhan and Xiamen review the results, and Copenhagen and"
                " Rotterdam present their cloudburst and water square plans.</p>",
            },
            "zh-hans": {
                "title": "IURC China 研讨会:海绵城市与基于自然的防洪管理",
                "summary": "中国海绵城市建设的经验,与欧洲雨洪管理方法的比较。",
                "description": "<p>自2015年以来,中国海绵城市试点项目在数十个城市建设了透水"
                "铺装、湿地和雨水花园。来自武汉和厦门的专家将回顾实施成效,哥本哈根和鹿特丹"
                "将介绍其暴雨应对规划和“水广场”方案。</p>",
            },
        },
    },
    {
        "slug": "forum-eu-latam-cities-for-climate",
        "calendar": "iurc-latam",
        "week": 11,
        "weekday": TUESDAY,
        "days": 2,
        "time": ("09:00", "17:30"),
        "venue": "sao-paulo-city-hall",
        "online": True,
        "external": True,
        "image": True,
        "categories": ["conference", "climate-action"],
        "organizers": ["iurc", "mercociudades"],
        "tags": ["latin-america", "climate", "green-transition"],
        "text": {
            "en": {
                "title": "Forum: EU–Latin America Cities for Climate",
                "summary": "Two days in São Paulo on local climate action, finance and"
                " cooperation between the two regions.",
                "description": "<p>Mayors, city climate officers and development banks meet in"
                " São Paulo to take stock of local climate action in Latin America and Europe."
                " The forum presents the results of IURC city pairs and discusses how cities"
                " can access climate finance.</p>",
            },
            "zh-hans": {
                "title": "论坛:欧盟—拉丁美洲城市气候行动",
                "summary": "在圣保罗举行的为期两天的论坛,聚焦地方气候行动、气候融资以及两个"
                "地区之间的合作。",
                "description": "<p>市长、城市气候官员和开发银行代表齐聚圣保罗,总结拉丁美洲和"
                "欧洲的地方气候行动。论坛将展示IURC结对城市的成果,并讨论城市如何获得气候"
                "融资。</p>",
            },
            "es": {
                "title": "Foro: Ciudades UE–América Latina por el clima",
                "summary": "Dos días en São Paulo sobre acción climática local, financiación y"
                " cooperación entre ambas regiones.",
                "description": "<p>Alcaldes, responsables climáticos municipales y bancos de"
                " desarrollo se reúnen en São Paulo para hacer balance de la acción climática"
                " local en América Latina y Europa. El foro presenta los resultados de las"
                " parejas de ciudades del IURC y debate el acceso de las ciudades a la"
                " financiación climática.</p>",
            },
        },
    },
    {
        "slug": "webinar-ai-urban-planning",
        "calendar": "research-network",
        "week": 13,
        "weekday": THURSDAY,
        "time": ("14:00", "15:30"),
        "online": True,
        "categories": ["regional-innovation", "webinar"],
        "organizers": ["urban-futures", "tongji-caup"],
        "tags": ["research", "digital-transition", "smart-cities"],
        "text": {
            "en": {
                "title": "Webinar: Artificial Intelligence in Urban Planning",
                "summary": "Opportunities and risks of AI tools for planning permits, traffic"
                " and public participation.",
                "description": "<p>Cities are starting to use AI for tasks from checking"
                " planning applications to summarising public consultations. Researchers from"
                " Berlin and Shanghai present pilot projects and discuss transparency, bias and"
                " accountability.</p>",
            },
            "zh-hans": {
                "title": "网络研讨会:人工智能与城市规划",
                "summary": "人工智能工具在规划审批、交通管理和公众参与中的机遇与风险。",
                "description": "<p>越来越多的城市开始使用人工智能处理各类任务,从审查规划申请"
                "到归纳公众意见。来自柏林和上海的研究人员将介绍试点项目,并讨论透明度、偏见"
                "和问责等问题。</p>",
            },
        },
    },
    {
        "slug": "deadline-eu-china-innovation-exchange",
        "calendar": "iurc-china",
        "week": 15,
        "weekday": FRIDAY,
        "external": True,
        "categories": ["cooperation", "regional-innovation"],
        "organizers": ["iurc", "dg-regio"],
        "tags": ["china", "innovation"],
        "text": {
            "en": {
                "title": "Deadline: Applications for the EU–China Regional Innovation Exchange",
                "summary": "Last day for European and Chinese regions to apply for the next"
                " round of innovation exchanges.",
                "description": "<p>The regional innovation exchange supports pairs of European"
                " and Chinese regions that want to cooperate on innovation policy, cluster"
                " development or technology transfer. Both regions apply together.</p>",
            },
            "zh-hans": {
                "title": "截止日期:中欧区域创新交流项目申请",
                "summary": "欧洲和中国地区申请下一轮创新交流项目的最后一天。",
                "description": "<p>区域创新交流项目支持希望在创新政策、产业集群发展或技术转移"
                "方面开展合作的欧洲与中国地区结对伙伴。申请须由双方地区共同提交。</p>",
            },
        },
    },
    {
        "slug": "workshop-marine-spatial-planning",
        "calendar": "iurc-china",
        "week": 16,
        "weekday": TUESDAY,
        "time": ("14:00", "17:00"),
        "zone": "Asia/Shanghai",
        "venue": "qingdao-international-convention-center",
        "online": True,
        "categories": ["workshop", "climate-action"],
        "organizers": ["iurc", "ccud"],
        "tags": ["china", "water"],
        "text": {
            "en": {
                "title": "Workshop: Marine Spatial Planning",
                "summary": "Qingdao and European coastal regions compare how they plan ports,"
                " fisheries, energy and nature at sea.",
                "description": "<p>Marine spatial planning allocates sea areas to shipping,"
                " aquaculture, offshore wind and protected habitats. In this hybrid workshop in"
                " Qingdao, planners from Shandong, Brittany and the Basque Country compare"
                " their plans and choose topics for a joint study.</p>",
            },
            "zh-hans": {
                "title": "工作坊:海洋空间规划",
                "summary": "青岛与欧洲沿海地区比较如何统筹规划港口、渔业、能源与海洋生态。",
                "description": "<p>海洋空间规划为航运、水产养殖、海上风电和生态保护区分配海域。"
                "在青岛举行的这次线上线下结合的工作坊中,来自山东、法国布列塔尼和西班牙"
                "巴斯克地区的规划人员将比较各自的规划,并确定联合研究的主题。</p>",
            },
        },
    },
    {
        "slug": "latam-webinar-digital-public-services",
        "calendar": "iurc-latam",
        "week": 17,
        "weekday": WEDNESDAY,
        "time": ("10:00", "11:30"),
        "online": True,
        "categories": ["regional-innovation", "webinar"],
        "organizers": ["iurc"],
        "tags": ["latin-america", "digital-transition", "smart-cities"],
        "text": {
            "en": {
                "title": "Webinar: Digital Public Services in Latin American Cities",
                "summary": "Online permits, open data portals and digital inclusion: what Latin"
                " American and European cities have learnt.",
                "description": "<p>Digital services can make cities more accessible, but only"
                " if everyone can use them. Officials from Buenos Aires, Montevideo, Tallinn and"
                " Barcelona present their digital service platforms and their programmes for"
                " residents without internet access or digital skills.</p>",
            },
            "zh-hans": {
                "title": "网络研讨会:拉丁美洲城市的数字公共服务",
                "summary": "在线审批、开放数据门户与数字包容:拉丁美洲和欧洲城市的经验。",
                "description": "<p>数字服务可以让城市服务更加便捷,但前提是人人都能使用。来自"
                "布宜诺斯艾利斯、蒙得维的亚、塔林和巴塞罗那的官员将介绍各自的数字服务平台,"
                "以及面向无法上网或缺乏数字技能居民的帮扶项目。</p>",
            },
            "es": {
                "title": "Webinario: Servicios públicos digitales en ciudades latinoamericanas",
                "summary": "Trámites en línea, portales de datos abiertos e inclusión digital: lo"
                " que han aprendido ciudades latinoamericanas y europeas.",
                "description": "<p>Los servicios digitales pueden hacer las ciudades más"
                " accesibles, pero solo si todas las personas pueden usarlos. Responsables de"
                " Buenos Aires, Montevideo, Tallin y Barcelona presentan sus plataformas de"
                " servicios digitales y sus programas para quienes no tienen acceso a internet"
                " o competencias digitales.</p>",
            },
        },
    },
    # ----- repeating events, without an end: they show in every month -----
    {
        "slug": "iurc-helpdesk-office-hours",
        "calendar": "iurc-china",
        "date": date(2026, 9, 1),
        "time": ("10:00", "11:00"),
        "rrule": "FREQ=WEEKLY;BYDAY=TU,TH",
        "online": True,
        "categories": ["cooperation"],
        "organizers": ["iurc"],
        "tags": ["china"],
        "text": {
            "en": {
                "title": "IURC Helpdesk Office Hours",
                "summary": "Drop in with questions about pilot cooperation, partner matching"
                " and reporting; the helpdesk team answers live.",
                "description": "<p>Every Tuesday and Thursday the IURC helpdesk opens a video"
                " room for city and regional officers. No registration needed.</p>",
            },
            "zh-hans": {
                "title": "IURC 咨询服务时间",
                "summary": "欢迎就试点合作、伙伴对接和报告等问题随时咨询,服务团队在线解答。",
                "description": "<p>每周二和周四,IURC 咨询服务团队为城市和地区官员开放线上会议室,"
                "无需报名。</p>",
            },
        },
    },
    {
        "slug": "monthly-programme-coordination-call",
        "calendar": "iurc-china",
        "date": date(2026, 1, 5),
        "time": ("15:00", "16:00"),
        "rrule": "FREQ=MONTHLY;BYDAY=1MO",
        "audience_zones": ["America/Sao_Paulo"],
        "online": True,
        "categories": ["cooperation"],
        "organizers": ["iurc", "dg-regio"],
        "tags": ["china", "latin-america"],
        "text": {
            "en": {
                "title": "Monthly Programme Coordination Call",
                "summary": "The regional teams for China and Latin America align on the month's"
                " webinars, study visits and reports.",
            },
            "zh-hans": {
                "title": "项目月度协调会",
                "summary": "中国与拉丁美洲区域团队协调当月的研讨会、考察访问和报告工作。",
            },
        },
    },
]

# --------------------------------------------------------------------------- images
# Abstract banners: no fonts, no randomness, so the same event always gets the same bytes.

SHAPES: dict[str, dict[str, str]] = {
    "circle": {
        "en": "a large white circle",
        "zh-hans": "一个白色大圆",
        "es": "un gran círculo blanco",
    },
    "rings": {"en": "white concentric rings", "zh-hans": "白色同心圆环", "es": "anillos blancos"},
    "triangle": {
        "en": "a white triangle",
        "zh-hans": "一个白色三角形",
        "es": "un triángulo blanco",
    },
    "diamond": {"en": "a white diamond", "zh-hans": "一个白色菱形", "es": "un rombo blanco"},
    "skyline": {
        "en": "white bars like a city skyline",
        "zh-hans": "形似城市天际线的白色竖条",
        "es": "barras blancas como el perfil de una ciudad",
    },
}
ALT_TEMPLATES = {
    "en": "Abstract {colour} banner with {shape}",
    "zh-hans": "{colour}抽象横幅,带有{shape}",
    "es": "Banner abstracto {colour} con {shape}",
}


def shape_for(slug: str) -> str:
    """The banner shape for an event: stable across runs (crc32, unlike ``hash``)."""
    names = list(SHAPES)
    return names[zlib.crc32(slug.encode()) % len(names)]


def banner_png(colour: str, shape: str) -> bytes:
    """A 960x540 PNG: a left-to-right gradient of ``colour`` with one white ``shape``."""
    rgb = ImageColor.getrgb(colour)
    light = tuple(round(c + (255 - c) * 0.25) for c in rgb)
    dark = tuple(round(c * 0.55) for c in rgb)
    mask = Image.linear_gradient("L").transpose(Image.Transpose.ROTATE_90).resize(IMAGE_SIZE)
    image = Image.composite(
        Image.new("RGB", IMAGE_SIZE, dark), Image.new("RGB", IMAGE_SIZE, light), mask
    )
    draw = ImageDraw.Draw(image, "RGBA")
    solid, soft = (255, 255, 255, 220), (255, 255, 255, 70)
    cx, cy = 660, 270
    if shape == "circle":
        draw.ellipse((cx - 180, cy - 180, cx + 180, cy + 180), fill=soft, outline=solid, width=12)
    elif shape == "rings":
        for radius in (220, 160, 100, 40):
            box = (cx - radius, cy - radius, cx + radius, cy + radius)
            draw.ellipse(box, outline=solid, width=14)
    elif shape == "triangle":
        points = [(cx, cy - 200), (cx + 230, cy + 170), (cx - 230, cy + 170)]
        draw.polygon(points, fill=soft, outline=solid, width=12)
    elif shape == "diamond":
        points = [(cx, cy - 210), (cx + 210, cy), (cx, cy + 210), (cx - 210, cy)]
        draw.polygon(points, fill=soft, outline=solid, width=12)
    else:  # skyline
        ground = IMAGE_SIZE[1] - 60
        for i, height in enumerate((180, 300, 240, 380, 210, 330, 150)):
            x = 440 + i * 64
            draw.rectangle((x, ground - height, x + 48, ground), fill=solid)
        draw.rectangle((400, ground, 900, ground + 8), fill=solid)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def image_alt(language: str, colour_names: Mapping[str, str], shape: str) -> str:
    """Alt text that says what the banner shows, in ``language`` (English as a fallback)."""
    template = ALT_TEMPLATES.get(language, ALT_TEMPLATES["en"])
    colour = colour_names.get(language, colour_names["en"])
    return template.format(colour=colour, shape=SHAPES[shape].get(language, SHAPES[shape]["en"]))


# --------------------------------------------------------------------------- loader


def site_languages() -> list[str]:
    """The codes this site runs in; demo text in any other language is skipped."""
    return list(dict(settings.LANGUAGES))


def _only_site_languages(texts: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, str]]:
    available = site_languages()
    return {code: dict(values) for code, values in texts.items() if code in available}


def month_anchor(today: date) -> date:
    """The Monday of the week that holds the 1st of ``today``'s month.

    Relative events hang off this date, so every run within one month computes the same
    dates (idempotent), while a run next month moves them along (never stale).
    """
    first = today.replace(day=1)
    return first - timedelta(days=first.weekday())


def event_dates(spec: EventSpec, anchor: date) -> tuple[date, date]:
    """First and last day of a demo event, absolute or relative to ``anchor``."""
    if "date" in spec:
        start = spec["date"]
    else:
        start = anchor + timedelta(weeks=spec["week"], days=spec["weekday"])
    return start, start + timedelta(days=spec.get("days", 1) - 1)


def event_uid(spec: EventSpec) -> str:
    return spec.get("uid") or f"demo-{spec['slug']}@almanac.demo"


def _sync_translated(
    model: type[Translatable], items: Iterable[Mapping[str, Any]]
) -> dict[str, Any]:
    """Create or update calendars, venues... by slug; a ``parent`` names an earlier item."""
    synced: dict[str, Any] = {}
    for item in items:
        fields = dict(item.get("fields", {}))
        if "parent" in item:
            fields["parent"] = synced[item["parent"]] if item["parent"] else None
        if "colour" in item:
            fields["colour"] = item["colour"]
        if model is Calendar:
            fields["languages"] = [c for c in fields["languages"] if c in site_languages()]
        synced[item["slug"]] = services.save_translated(
            model, slug=item["slug"], translations=_only_site_languages(item["text"]), **fields
        )
    return synced


def _event_fields(
    spec: EventSpec, anchor: date, calendars: Mapping[str, Calendar], venues: Mapping[str, Venue]
) -> dict[str, Any]:
    """Every non-translated Event field the demo controls, as it should be stored."""
    calendar = calendars[spec["calendar"]]
    site = next(c["site"] for c in CALENDARS if c["slug"] == spec["calendar"])
    slug = spec["slug"]
    start_date, end_date = event_dates(spec, anchor)
    times = spec.get("time")
    venue = venues[spec["venue"]] if "venue" in spec else None
    return {
        "calendar_id": calendar.pk,
        "slug": slug,
        "status": spec.get("status", Event.Status.PUBLISHED),
        "start_date": start_date,
        "end_date": end_date,
        "start_time": time.fromisoformat(times[0]) if times else None,
        "end_time": time.fromisoformat(times[1]) if times else None,
        "all_day": times is None,
        "timezone": spec.get("zone", calendar.timezone),
        "venue_id": venue.pk if venue else None,
        "online_url": f"{site}/live/{slug}" if spec.get("online") else "",
        "external_url": f"{site}/events/{slug}" if spec.get("external") else "",
        "video_url": f"{site}/recordings/{slug}" if spec.get("video") else "",
        "highlights_url": f"{site}/highlights/{slug}" if spec.get("highlights_url") else "",
        "audience_zones": spec.get("audience_zones", []),
        "rrule": spec.get("rrule", ""),
    }


def _event_texts(spec: EventSpec) -> dict[str, dict[str, str]]:
    """Per site language: every translated field (missing ones blank), image alt included."""
    category = next(c for c in CATEGORIES if c["slug"] == spec["categories"][0])
    shape = shape_for(spec["slug"])
    texts = {}
    for language, values in _only_site_languages(spec["text"]).items():
        text = {name: values.get(name, "") for name in EVENT_TEXT_FIELDS}
        text["image_alt"] = (
            image_alt(language, category["colour_name"], shape) if spec.get("image") else ""
        )
        texts[language] = text
    return texts


def _stored_form(values: Mapping[str, str]) -> dict[str, str]:
    """What ``save_event_translation`` would store, so that unchanged text is not re-saved."""
    return {
        name: services.sanitize_html(value)
        if name in ("description", "highlights")
        else value.strip()
        for name, value in values.items()
    }


def _sync_event(
    spec: EventSpec,
    anchor: date,
    calendars: Mapping[str, Calendar],
    venues: Mapping[str, Venue],
    taxonomies: Mapping[str, Mapping[str, Any]],
) -> tuple[str, bool]:
    """Create or update one event; returns ("created"|"updated"|"unchanged", image generated).

    An existing event is saved only when a field differs, so a second run neither bumps
    SEQUENCE nor touches ``updated_at``.
    """
    uid = event_uid(spec)
    fields = _event_fields(spec, anchor, calendars, venues)
    texts = _event_texts(spec)
    related = {
        "categories": [taxonomies["categories"][s] for s in spec["categories"]],
        "tags": [taxonomies["tags"][s] for s in spec["tags"]],
        "organizers": [taxonomies["organizers"][s] for s in spec["organizers"]],
    }
    if not texts:
        return "skipped", False
    if Event.objects.filter(slug=fields["slug"]).exclude(uid=uid).exists():
        raise DemoError(
            f"An event that is not part of the demo already uses the slug {fields['slug']!r}; "
            "rename it or load the demo into an empty database."
        )
    event = Event.objects.filter(uid=uid).first()
    if event is None:
        calendar = calendars[spec["calendar"]]
        extra = {
            k: v
            for k, v in fields.items()
            if k.endswith("_url") or k in ("audience_zones", "rrule")
        }
        event = services.create_event(
            calendar=calendar,
            translations=texts,
            start_date=fields["start_date"],
            end_date=fields["end_date"],
            start_time=fields["start_time"],
            end_time=fields["end_time"],
            timezone_name=fields["timezone"],
            all_day=fields["all_day"],
            status=fields["status"],
            uid=uid,
            slug=fields["slug"],
            venue=venues[spec["venue"]] if "venue" in spec else None,
            **extra,
            **related,
        )
        outcome = "created"
    else:
        changed = False
        if any(getattr(event, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(event, name, value)
            services.save_event(event)
            changed = True
        existing = {t.language: t for t in event.translations.all()}
        for language, values in texts.items():
            wanted = _stored_form(values)
            translation = existing.get(language)
            if translation and all(getattr(translation, k) == v for k, v in wanted.items()):
                continue
            translation = translation or EventTranslation(master=event, language=language)
            for name, value in values.items():
                setattr(translation, name, value)
            services.save_event_translation(translation)
            changed = True
        for name, objects in related.items():
            manager = getattr(event, name)
            if set(manager.values_list("pk", flat=True)) != {o.pk for o in objects}:
                manager.set(objects)
                changed = True
        outcome = "updated" if changed else "unchanged"
    made_image = False
    if spec.get("image") and not event.image:
        category = next(c for c in CATEGORIES if c["slug"] == spec["categories"][0])
        png = banner_png(category["colour"], shape_for(spec["slug"]))
        event.image = ContentFile(png, name=f"{spec['slug']}.png")
        services.save_event(event)
        made_image = True
    return outcome, made_image


@transaction.atomic
def load_demo(today: date | None = None) -> dict[str, int]:
    """Load (or refresh) the demo and return what was synced, created and updated.

    ``today`` defaults to the current date in UTC; it only decides where the relative
    half of the events falls. All or nothing: one transaction.
    """
    if not {"en", "zh-hans"} & set(site_languages()):
        raise DemoError("The demo is written in English and Chinese; enable 'en' or 'zh-hans'.")
    anchor = month_anchor(today or timezone.now().astimezone(UTC).date())
    calendars = _sync_translated(Calendar, CALENDARS)
    categories = _sync_translated(Category, CATEGORIES)
    tags = _sync_translated(
        Tag,
        [
            {
                "slug": slug,
                "text": {"en": {"name": en}, "zh-hans": {"name": zh}, "es": {"name": es}},
            }
            for slug, (en, zh, es) in TAGS.items()
        ],
    )
    venues = _sync_translated(Venue, VENUES)
    organizers = _sync_translated(Organizer, ORGANIZERS)
    taxonomies = {"categories": categories, "tags": tags, "organizers": organizers}
    counts = {
        "calendars": len(calendars),
        "categories": len(categories),
        "tags": len(tags),
        "venues": len(venues),
        "organizers": len(organizers),
        "events_created": 0,
        "events_updated": 0,
        "events_unchanged": 0,
        "events_skipped": 0,
        "images_created": 0,
    }
    for spec in EVENTS:
        outcome, made_image = _sync_event(spec, anchor, calendars, venues, taxonomies)
        counts[f"events_{outcome}"] += 1
        counts["images_created"] += made_image
    return counts
