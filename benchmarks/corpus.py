"""Synthetic Turkish civic news for benchmarks, from the team's own sentence templates.

Names come from the package's gazetteer (provinces, districts, given names) and a short surname
list below, so the text exercises the same rules real articles do. Deterministic for a seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from kg.lang.tr import turkish
from kg.model import Article

SURNAMES = [
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
]
ORG_KINDS = (
    "Kent Konseyi",
    "Belediyesi",
    "Ticaret Odası",
    "Gönüllüler Derneği",
    "Esnaf ve Sanatkarlar Odası",
    "Kadın Kooperatifi",
    "Spor Kulübü",
)
TEMPLATES = (
    "{org1}, {org2_acc} ziyaret etti.",
    "{org1} Başkanı {person1}, {org2_dat} ziyarette bulundu.",
    "Ziyarette {org2} Başkanı {person2}, {org1_dat} teşekkür etti.",
    "{org1} ile {org2} arasında iş birliği protokolü imzalandı.",
    "{org1} Yürütme Kurulu, {place} ilçesindeki çalışmaları değerlendirdi.",
    "Toplantıya {org2} Başkan Yardımcısı {person3} ve yönetim kurulu üyeleri katıldı.",
    '{person1}, "Kentimizin sorunlarını birlikte çözeceğiz" dedi.',
    "Görüşmede ortak projeler, gençlik çalışmaları ve yerel demokrasi konuları ele alındı.",
    "Etkinlik, katılımcılara plaket verilmesi ve toplu fotoğraf çekimiyle sona erdi.",
    "{org1} tarafından yapılan açıklamada {org2_dat} destekleri için teşekkür edildi.",
    "Program kapsamında kentteki sivil toplum kuruluşlarının temsilcileri de bir araya geldi.",
)


def _dative(name: str) -> str:
    return name + ("'ne" if name[-1] in "ıiuü" else "'e")


def _accusative(name: str) -> str:
    return name + ("'ni" if name[-1] in "ıiuü" else "'i")


def synthetic_articles(n_bytes: int, seed: int = 0) -> Iterator[Article]:
    """Articles of about 2 KB each until ``n_bytes`` of UTF-8 text have been produced."""
    lang = turkish()
    rng = random.Random(seed)
    places = sorted(p.name for p in lang.places.values() if p.subtype in ("Province", "District"))
    given = sorted(lang.given_names)
    produced = 0
    k = 0
    while produced < n_bytes:

        def person() -> str:
            return f"{rng.choice(given).capitalize()} {rng.choice(SURNAMES)}"

        org1 = f"{rng.choice(places)} {rng.choice(ORG_KINDS)}"
        org2 = f"{rng.choice(places)} {rng.choice(ORG_KINDS)}"
        fields = {
            "org1": org1,
            "org2": org2,
            "org1_dat": _dative(org1),
            "org2_dat": _dative(org2),
            "org2_acc": _accusative(org2),
            "person1": person(),
            "person2": person(),
            "person3": person(),
            "place": rng.choice(places),
        }
        reporter = person().split()
        dateline = f"{reporter[0]} {reporter[1].upper()} / {rng.choice(places).upper()} (İGFA) - "
        sentences = [rng.choice(TEMPLATES).format(**fields) for _ in range(rng.randint(14, 20))]
        text = f"{org1}'den {_dative(org2)} ziyaret\n\n{dateline}" + " ".join(sentences)
        produced += len(text.encode("utf-8"))
        yield Article(f"synthetic-{seed}-{k}", text, date="2026-01-15")
        k += 1
