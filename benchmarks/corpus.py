"""Synthetic Turkish civic news for benchmarks, from the team's own sentence templates.

Places and given names are read from the package's data files (provinces.tsv, districts.tsv,
given_names.txt); surnames, organisation names and every sentence are written here. Each article
is a headline, a dateline and 1.5-2.5 KB of visit, thanks, cooperation, protocol, support and
meeting sentences mixed with quotes and filler, with the case suffixes real reports put on names.
Deterministic for a seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from kg.lang.tr import data_lines, data_rows
from kg.lang.tr.text import lower, upper
from kg.model import Article

SURNAMES = (
    "Yalın",
    "Akgün",
    "Demirel",
    "Kocabaş",
    "Ertuğrul",
    "Sarıkaya",
    "Aksoy",
    "Tunalı",
    "Karaca",
    "Başaran",
    "Erdem",
    "Gündoğdu",
    "Uysal",
    "Kalkan",
    "Tekin",
    "Bozkurt",
    "Çınar",
    "Ateş",
    "Keskin",
    "Duman",
    "Sezer",
    "Önal",
    "Ilgaz",
    "Kurt",
    "Bilgin",
    "Toprak",
    "Özdemir",
    "Altıntaş",
    "Güleç",
    "Karataş",
    "Eroğlu",
    "Uçar",
    "Soylu",
    "Türkmen",
    "Çakır",
    "Yücel",
)
# Dates: a news source's output over time, so that reports of the same parties fall into
# separate events as they would in a real corpus (one date for all made each pair one event of
# thousands of reports)
FIRST_DAY = date(2024, 1, 1)
ARTICLES_PER_DAY = 100

# The 30 provinces whose municipality is a Büyükşehir Belediyesi; the others have a plain one.
METROPOLITAN = frozenset(
    [
        "Adana",
        "Ankara",
        "Antalya",
        "Aydın",
        "Balıkesir",
        "Bursa",
        "Denizli",
        "Diyarbakır",
        "Erzurum",
        "Eskişehir",
        "Gaziantep",
        "Hatay",
        "İstanbul",
        "İzmir",
        "Kahramanmaraş",
        "Kayseri",
        "Kocaeli",
        "Konya",
        "Malatya",
        "Manisa",
        "Mardin",
        "Mersin",
        "Muğla",
        "Ordu",
        "Sakarya",
        "Samsun",
        "Şanlıurfa",
        "Tekirdağ",
        "Trabzon",
        "Van",
    ]
)
ASSOCIATIONS = (
    "Engelsiz Yaşam",
    "Çağdaş Eğitim Gönüllüleri",
    "Doğa ve Çevre Koruma",
    "Kadın Emeğini Destekleme",
    "Emekliler Dayanışma",
    "Mahalle Muhtarları",
    "Şehit Aileleri ve Gaziler",
    "Gençlik ve Gönüllülük",
    "Kültür ve Sanat",
    "Afet Gönüllüleri",
    "Sokak Hayvanlarını Koruma",
    "Kooperatifçilik Geliştirme",
)
LOCAL_BODIES = (  # preceded by a province or district name
    "Ticaret Odası",
    "Esnaf ve Sanatkarlar Odası",
    "Ziraat Odası",
    "Tabip Odası",
    "Barosu",
    "Kadın Girişimi Üretim ve İşletme Kooperatifi",
    "Amatör Spor Kulübü",
    "Halk Eğitim Merkezi Müdürlüğü",
)
FEDERATIONS = (  # an acronym is made from the initials
    "Türkiye Amatör Spor Kulüpleri Federasyonu",
    "Ege Kent Konseyleri Federasyonu",
    "Türkiye Engelliler Dernekleri Federasyonu",
    "Akdeniz Kadın Kooperatifleri Federasyonu",
    "Türkiye Köy Dernekleri Federasyonu",
    "Marmara Emekliler Dernekleri Federasyonu",
)
PROFESSORS = ("Prof. Dr.", "Doç. Dr.", "Dr. Öğr. Üyesi", "Av.")
MEMBER_TITLES = (
    "Başkan Yardımcısı",
    "Genel Sekreteri",
    "Yönetim Kurulu Üyesi",
    "Yürütme Kurulu Üyesi",
    "Saymanı",
)
AGENCIES = ("İGFA", "İHA", "DHA", "ANKA")
TOPICS = (
    "kent içi ulaşım",
    "afet farkındalığı",
    "kadın istihdamı",
    "gençlere yönelik meslek kursları",
    "engelli bireylerin erişim hakkı",
    "mahalle parklarının bakımı",
    "yerel üreticilerin pazara erişimi",
    "atık yönetimi ve geri dönüşüm",
    "kültürel mirasın korunması",
    "amatör spor kulüplerinin ihtiyaçları",
)
QUOTES = (
    "Kentimizin sorunlarını ancak birlikte çalışarak çözebiliriz",
    "Sivil toplumun sesi karar süreçlerinde daha güçlü duyulmalı",
    "Bu iş birliğinin kentimize hayırlı olmasını diliyorum",
    "Kapımız tüm gönüllülere ve kurumlara her zaman açık",
    "Gençlerimizin fikirleri bizim için yol gösterici olacak",
    "Verdiğimiz sözleri tek tek yerine getirmeye devam ediyoruz",
    "Dayanışmanın en güzel örneğini burada bir kez daha gördük",
)
FILLER = (
    "Görüşmede {topic} başta olmak üzere kentin gündemindeki konular ele alındı.",
    "Toplantıda {topic} konusunda yürütülen çalışmalar hakkında bilgi verildi.",
    "Katılımcılar, {topic} alanında ortak bir yol haritası hazırlanması gerektiğini vurguladı.",
    "Program, toplu fotoğraf çekimi ve karşılıklı hediye takdimiyle sona erdi.",
    "Ziyaret sırasında samimi bir ortamda karşılıklı görüş alışverişinde bulunuldu.",
    "Etkinliğe mahalle sakinleri, öğrenciler ve sivil toplum temsilcileri yoğun ilgi gösterdi.",
    "Önümüzdeki aylarda benzer buluşmaların ilçelerde de düzenlenmesi planlanıyor.",
    "Dernek üyeleri, çalışmaların gönüllülük esasıyla sürdürüldüğünü hatırlattı.",
    "Yapılan sunumda son bir yılda gerçekleştirilen etkinliklerin sayısı paylaşıldı.",
    "Belediye yetkilileri, başvuruların internet sitesi üzerinden alınacağını açıkladı.",
)
# Template fields: a, b, c are organisations (a_dat, b_acc, c_abl, a_gen, b_loc: with a case
# suffix); A, B, C are their heads and p, q other people (guests, members, academics), with
# A_surname, q_surname_dat for the surname alone; x_also is the particle "de/da" after field x;
# topic, quote, quote2 and member (a member's title) are drawn from the lists above.
HEADLINES = (
    "{a_abl} {b_dat} ziyaret",
    "{a} ile {b} arasında iş birliği",
    "{c_dat} anlamlı destek",
    '{a} Başkanı {A_surname}: "{quote}"',
)
LEADS = (
    "{a} Başkanı {A}, beraberindeki yönetim kurulu üyeleriyle birlikte {b_acc} ziyaret etti.",
    "{a} heyeti, {b_dat} nezaket ziyaretinde bulundu.",
    "{a} ile {b} arasında {topic} alanında iş birliği protokolü imzalandı.",
)
SENTENCES = (
    # visits
    "{a} Başkanı {A}, {b_acc} ziyaret etti.",
    "{a} yönetimi, {b_dat} ziyarette bulundu.",
    "{p}, {b} Başkanı {B_surname_acc} makamında ziyaret etti.",
    "Heyeti makamında ağırlayan {b} Başkanı {B}, ziyaretten duyduğu memnuniyeti dile getirdi.",
    # thanks
    "{A_surname}, {topic} konusundaki katkılarından dolayı {b_dat} teşekkür etti.",
    "{b} Başkanı {B}, {c_dat} ve emeği geçen herkese teşekkür etti.",
    "{A_surname}, nazik davetleri için {B_surname_dat} teşekkürlerini sundu.",
    # cooperation and protocols
    "{a}, {b} ile {topic} alanında iş birliği protokolü imzaladı.",
    "Protokolü {a} adına {A}, {b} adına ise {B} imzaladı.",
    "{a} ile {b} arasındaki iş birliğinin önümüzdeki dönemde de süreceği belirtildi.",
    # support
    "{c}, {topic} projesine destek verdi.",
    "{c_abl} yapılan açıklamada, {a_gen} çalışmalarına katkı sağlanacağı bildirildi.",
    "{a} tarafından düzenlenen programa {c} {c_also} destek oldu.",
    # meetings and members
    "{a} Başkanı {A}, {p} ile bir araya geldi.",
    "Toplantıya {b} {member} {q} ve {c} temsilcileri katıldı.",
    "{a} {member} {p} {p_also} toplantıda hazır bulundu.",
    "{b_loc} düzenlenen toplantıya {p} {p_also} katıldı.",
    "{p}, {topic} üzerine katılımcılara bir sunum yaptı.",
    # quotes
    '{A_surname}, "{quote}" dedi.',
    '{a} Başkanı {A_surname} şunları söyledi: "{quote}. {quote2}."',
    '"{quote}" diyen {B_surname}, {topic} konusunda yeni adımlar atılacağını söyledi.',
)
BACK_VOWELS = "aıou"
VOWELS = "aeıioöuü"
VOICELESS = "fsthçşkp"


@dataclass(frozen=True)
class Organisation:
    name: str
    acronym: str | None = None


@dataclass(frozen=True)
class Person:
    given: str
    surname: str
    title: str = ""  # "Prof. Dr.", written before the name

    def full(self, rng: random.Random) -> str:
        # about one name in five is written with the surname in capitals, as agencies do
        surname = upper(self.surname) if rng.random() < 0.2 else self.surname
        return " ".join(filter(None, (self.title, self.given, surname)))


@cache
def _gazetteer() -> tuple[tuple[str, ...], dict[str, tuple[str, ...]], tuple[str, ...]]:
    """Provinces, their districts and the given names, in file order (so seeds stay stable)."""
    provinces = tuple(r["name"] for r in data_rows("provinces.tsv"))
    districts: dict[str, list[str]] = {p: [] for p in provinces}
    for row in data_rows("districts.tsv"):
        districts.setdefault(row["province"], []).append(row["name"])
    given = tuple(line.strip() for line in data_lines("given_names.txt"))  # no header line
    return provinces, {p: tuple(d) for p, d in districts.items()}, given


def _last_vowel(sound: str) -> str:
    return next((c for c in reversed(sound) if c in VOWELS), "e")


def _suffix(sound: str, case: str, buffer: str) -> str:
    """The case suffix for a word pronounced ``sound`` (lower case), after a vowel-final stem's
    buffer consonant (n after a possessive, y otherwise; unused after a consonant)."""
    vowel = _last_vowel(sound)
    two = "a" if vowel in BACK_VOWELS else "e"
    four = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "i": "i", "ö": "ü", "ü": "ü"}[vowel]
    ends_in_vowel = sound[-1] in VOWELS
    y = buffer if ends_in_vowel else ""
    if ends_in_vowel:
        d = "nd" if buffer == "n" else "d"
    else:
        d = "t" if sound[-1] in VOICELESS else "d"
    return {
        "dat": y + two,
        "acc": y + four,
        "gen": ("n" if ends_in_vowel else "") + four + "n",
        "abl": d + two + "n",
        "loc": d + two,
    }[case]


def inflect(name: str, case: str, *, possessive: bool = False) -> str:
    """A name with its case suffix after an apostrophe.

    Organisation names end in a possessive, which takes the buffer n; other names ending in a
    vowel take y; the ablative and locative harden after f, s, t, h, ç, ş, k, p.

    >>> inflect("İzmir Barosu", "dat", possessive=True), inflect("Ayşe", "dat"), inflect("Ateş", "abl")
    ("İzmir Barosu'na", "Ayşe'ye", "Ateş'ten")
    """
    return f"{name}'{_suffix(lower(name), case, 'n' if possessive else 'y')}"


def inflect_acronym(acronym: str, case: str) -> str:
    """An acronym read letter by letter takes the suffix of its last letter's name.

    >>> inflect_acronym("EKKF", "dat") + " " + inflect_acronym("ASKK", "acc")
    "EKKF'ye ASKK'yı"
    """
    last = acronym[-1]
    spoken = lower(last) if last in "AEIİOÖUÜ" else {"K": "ka", "H": "he"}.get(last, "e")
    return f"{acronym}'{_suffix(spoken, case, 'y')}"


def also(word: str) -> str:
    """The particle 'de/da' (also) in harmony with the word before it."""
    return "da" if _last_vowel(lower(word)) in BACK_VOWELS else "de"


def acronym(name: str) -> str:
    """Initials of the words other than 've'.

    >>> acronym("Ege Kent Konseyleri Federasyonu")
    'EKKF'
    """
    return "".join(upper(w[0]) for w in name.split() if w != "ve")


class _Article:
    """The cast of one article (a province, its organisations and people) and its text."""

    def __init__(self, rng: random.Random) -> None:
        provinces, districts, given = _gazetteer()
        self.rng = rng
        self.province = rng.choice(provinces)
        self.districts = districts[self.province] or (self.province,)
        self.given = given
        self.orgs = rng.sample(self._organisations(), 4)
        # the heads of the four organisations, in their order, then three other people
        surnames = rng.sample(SURNAMES, len(self.orgs) + 3)  # no two people share one
        self.people = [
            self._person(s, 0.5 if k >= len(self.orgs) else 0.1) for k, s in enumerate(surnames)
        ]
        self.unused_filler = list(FILLER)
        self.introduced: set[int] = set()  # organisations whose acronym has been given

    def _organisations(self) -> list[Organisation]:
        rng, il = self.rng, self.province
        ilce = rng.choice(self.districts)
        municipality = "Büyükşehir Belediyesi" if il in METROPOLITAN else "Belediyesi"
        federation = rng.choice(FEDERATIONS)
        return [
            Organisation(f"{ilce} Kent Konseyi"),
            Organisation(f"{il} Kent Konseyi"),
            Organisation(f"{il} {municipality}"),
            Organisation(f"{rng.choice(self.districts)} Belediyesi"),
            Organisation(f"{rng.choice(ASSOCIATIONS)} Derneği"),
            Organisation(f"{il} {rng.choice(ASSOCIATIONS)} Derneği"),
            Organisation(f"{rng.choice((il, ilce))} {rng.choice(LOCAL_BODIES)}"),
            Organisation(f"{il} Ticaret Odası"),
            Organisation(federation, acronym(federation)),
        ]

    def _person(self, surname: str, titled: float) -> Person:
        """Someone with a given name, and an academic title with odds ``titled``."""
        title = self.rng.choice(PROFESSORS) if self.rng.random() < titled else ""
        return Person(self.rng.choice(self.given), surname, title)

    def org(self, k: int, case: str = "nom") -> str:
        """The k-th organisation: its full name with the acronym in parentheses the first time
        it is named in the nominative, then now and then the acronym alone."""
        o = self.orgs[k]
        if o.acronym and k in self.introduced and self.rng.random() < 0.5:
            return o.acronym if case == "nom" else inflect_acronym(o.acronym, case)
        if case != "nom":
            return inflect(o.name, case, possessive=True)
        if o.acronym and k not in self.introduced:
            self.introduced.add(k)
            return f"{o.name} ({o.acronym})"
        return o.name

    def sentence(self, template: str) -> str:
        """A template filled in with a fresh choice of organisations, people and topic."""
        orgs = self.rng.sample(range(len(self.orgs)), 3)
        others = self.rng.sample(range(len(self.orgs), len(self.people)), 2)
        return template.format_map(_Slots(self, orgs, others))

    def filler(self) -> str:
        """A sentence that names no one, not one the article has used yet while others remain."""
        if not self.unused_filler:
            self.unused_filler = list(FILLER)
        template = self.unused_filler.pop(self.rng.randrange(len(self.unused_filler)))
        return template.format(topic=self.rng.choice(TOPICS))

    def dateline(self) -> str:
        reporter = self._person(self.rng.choice(SURNAMES), 0)
        where = upper(self.rng.choice((self.province, self.rng.choice(self.districts))))
        agency = self.rng.choice(AGENCIES)
        return f"{reporter.given} {upper(reporter.surname)} / {where} ({agency}) -"

    def text(self, target_bytes: int) -> str:
        rng = self.rng
        paragraphs = [
            self.sentence(rng.choice(HEADLINES)),
            f"{self.dateline()} {self.sentence(rng.choice(LEADS))}",
        ]
        size = sum(len(p.encode("utf-8")) + 2 for p in paragraphs)
        paragraph: list[str] = []
        while size < target_bytes:
            paragraph.append(
                self.filler() if rng.random() < 0.35 else self.sentence(rng.choice(SENTENCES))
            )
            size += len(paragraph[-1].encode("utf-8")) + 1
            if len(paragraph) >= rng.randint(2, 4):
                paragraphs.append(" ".join(paragraph))
                paragraph = []
                size += 1
        if paragraph:
            paragraphs.append(" ".join(paragraph))
        return "\n\n".join(paragraphs)


class _Slots(dict):
    """The values of a template's fields (see SENTENCES), each chosen when first asked for."""

    def __init__(self, article: _Article, orgs: list[int], others: list[int]) -> None:
        super().__init__()
        self.article, self.orgs, self.others = article, orgs, others

    def __missing__(self, key: str) -> str:
        art = self.article
        role, _, rest = key.partition("_")
        if rest == "also":
            value = also(self[role])
        elif role in ("a", "b", "c"):
            value = art.org(self.orgs["abc".index(role)], rest or "nom")
        elif role in ("A", "B", "C", "p", "q"):
            k = self.orgs["ABC".index(role)] if role in "ABC" else self.others["pq".index(role)]
            person = art.people[k]
            case = rest.removeprefix("surname").lstrip("_") or "nom"
            if not rest:
                value = person.full(art.rng)
            elif case == "nom":
                value = person.surname
            else:
                value = inflect(person.surname, case)
        elif key == "quote2":  # a second sentence of the same quote
            value = art.rng.choice([q for q in QUOTES if q != self["quote"]])
        else:
            value = art.rng.choice({"topic": TOPICS, "quote": QUOTES, "member": MEMBER_TITLES}[key])
        self[key] = value
        return value


def synthetic_articles(
    n_bytes: int, seed: int = 0, *, per_day: int = ARTICLES_PER_DAY
) -> Iterator[Article]:
    """Articles of 1.5-2.5 KB of UTF-8 text each until ``n_bytes`` have been produced, dated
    ``per_day`` a day from ``FIRST_DAY`` on (100,000 articles span 1,000 days).

    >>> a, b = list(synthetic_articles(3000, seed=7))[:2], list(synthetic_articles(3000, seed=7))[:2]
    >>> a == b and 1500 <= len(a[0].text.encode("utf-8")) <= 2500
    True
    """
    rng = random.Random(seed)
    produced = 0
    k = 0
    while produced < n_bytes:
        text = _Article(rng).text(target_bytes=rng.randint(1500, 2250))
        produced += len(text.encode("utf-8"))
        day = FIRST_DAY + timedelta(days=k // per_day)
        yield Article(f"synthetic-{seed}-{k}", text, date=day.isoformat())
        k += 1
