"""Organisations, their boundaries and the structural facts their names and titles state
(headOf, memberOf, partOf, locatedIn): sentences the team wrote, none from the dev set."""

from kg.model import Article
from kg.pipeline import extract


def facts_of(text: str) -> set[tuple[str, str, str]]:
    return {(f.s, f.p, f.o) for f in extract(Article("t", text)).facts}


def entities_of(text: str) -> dict[str, str]:
    return {e.name: e.type for e in extract(Article("t", text)).entities}


# --- chambers and their councils (guideline rules 4 and 21) -------------------------------


def test_chamber_council_chair_heads_the_council_which_is_part_of_the_chamber():
    facts = facts_of("Vali Ali Kaya, Kula Esnaf Odası Meclis Başkanı Hüseyin Gezer ile görüştü.")
    assert ("Hüseyin Gezer", "headOf", "Kula Esnaf Odası Meclisi") in facts
    assert ("Kula Esnaf Odası Meclisi", "partOf", "Kula Esnaf Odası") in facts
    assert ("Hüseyin Gezer", "headOf", "Kula Esnaf Odası") not in facts


def test_council_chair_after_a_comma_belongs_to_the_chamber_named_before():
    text = "Kula Esnaf Odası Yönetim Kurulu Başkanı Ömer Er, Meclis Başkanı Uğur Kaya geldi."
    facts = facts_of(text)
    assert ("Ömer Er", "headOf", "Kula Esnaf Odası") in facts
    assert ("Uğur Kaya", "headOf", "Kula Esnaf Odası Meclisi") in facts


def test_board_members_after_a_council_chair_are_members_of_the_chamber_itself():
    text = (
        "Kula Esnaf Odası Başkanı Ömer Er, Meclis Başkanı Uğur Kaya, "
        "Yönetim Kurulu Üyeleri Can Ak ve Ece Su geldi."
    )
    facts = facts_of(text)
    assert ("Can Ak", "memberOf", "Kula Esnaf Odası") in facts
    assert ("Ece Su", "memberOf", "Kula Esnaf Odası Meclisi") not in facts


def test_municipal_council_member_is_a_member_of_the_municipality():
    facts = facts_of("Kula Belediyesi Meclis Üyesi Ayşe Demir açıklama yaptı.")
    assert ("Ayşe Demir", "memberOf", "Kula Belediyesi") in facts


# --- board member lists (rule 21) ----------------------------------------------------------


def test_lower_case_board_member_list_gives_members_of_the_organisation():
    text = "Kula Kent Konseyi Yürütme Kurulu asil üyeleri Ali Kaya, Veli Demir ve Ayşe Çelik oldu."
    facts = facts_of(text)
    for name in ("Ali Kaya", "Veli Demir", "Ayşe Çelik"):
        assert (name, "memberOf", "Kula Kent Konseyi") in facts


def test_board_named_only_for_its_members_is_no_entity():
    text = "Kula Kent Konseyi Yürütme Kurulu asil üyeleri Ali Kaya ve Veli Demir oldu."
    assert "Kula Kent Konseyi Yürütme Kurulu" not in entities_of(text)


def test_second_member_list_after_a_comma_belongs_to_the_same_body():
    text = (
        "Kula Kent Konseyi Yürütme Kurulu asil üyeleri Ali Kaya ve Veli Demir, "
        "yedek üyeler ise Fatma Koç ve Hasan Er olarak belirlendi."
    )
    facts = facts_of(text)
    assert ("Fatma Koç", "memberOf", "Kula Kent Konseyi") in facts
    assert ("Hasan Er", "memberOf", "Kula Kent Konseyi") in facts


def test_name_after_a_lower_case_title_is_a_person_without_a_known_given_name():
    text = "Kula Kent Konseyi Yürütme Kurulu asil üyeleri Tolun Yasak ve Ali Kaya oldu."
    assert ("Tolun Yasak", "memberOf", "Kula Kent Konseyi") in facts_of(text)


# --- places in names (rules 11 and 29) -----------------------------------------------------


def test_demonym_in_a_name_gives_a_place_but_no_located_in():
    text = "Aydınlı Esnaflar Federasyonu yeni projesini tanıttı."
    assert not any(p == "locatedIn" for _, p, _ in facts_of(text))
    assert entities_of(text)["Aydın"] == "Place"


def test_place_before_a_demonym_still_locates_the_organisation():
    facts = facts_of("Ankara Sivaslı Dernekler Federasyonu toplandı.")
    assert ("Ankara Sivaslı Dernekler Federasyonu", "locatedIn", "Ankara") in facts
    assert ("Ankara Sivaslı Dernekler Federasyonu", "locatedIn", "Sivas") not in facts


def test_district_after_its_province_locates_the_organisation_in_both():
    facts = facts_of("Edirne Lalapaşa Belediyesi yeni park açtı.")
    assert ("Edirne Lalapaşa Belediyesi", "locatedIn", "Edirne") in facts
    assert ("Edirne Lalapaşa Belediyesi", "locatedIn", "Lalapaşa") in facts


def test_place_outside_the_first_place_gives_no_located_in():
    text = "Kocaeli Kastamonu Derneği toplandı."
    facts = facts_of(text)
    assert ("Kocaeli Kastamonu Derneği", "locatedIn", "Kocaeli") in facts
    assert ("Kocaeli Kastamonu Derneği", "locatedIn", "Kastamonu") not in facts
    assert entities_of(text)["Kastamonu"] == "Place"
