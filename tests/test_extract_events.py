"""Event relations: who did what to whom, read from the constructions of Turkish news sentences.
Every sentence here was written by the team for the behaviour it pins."""

from kg.model import Article
from kg.pipeline import extract


def events_of(text: str) -> set[tuple[str, str, str]]:
    structural = {"headOf", "memberOf", "partOf", "locatedIn"}
    return {(f.s, f.p, f.o) for f in extract(Article("t", text)).facts if f.p not in structural}


def test_a_head_with_the_boards_members_acts_as_the_body():
    text = (
        "Kula Gönüllüler Derneği Başkanı Ayşe Demir ve yönetim kurulu üyeleri, "
        "Salihli Belediye Başkanı Mert Uçar'ı makamında ziyaret etti."
    )
    assert events_of(text) == {("Kula Gönüllüler Derneği", "visited", "Mert Uçar")}


def test_thanks_to_a_head_and_a_named_boards_members_go_to_the_board():
    text = (
        "Ödemiş Kent Konseyi Yürütme Kurulu toplandı. Toplantıya katılan Ali Er, Ödemiş Kent "
        "Konseyi Başkanı Cem Ak ve yürütme kurulu üyelerine teşekkür etti."
    )
    assert ("Ali Er", "thanked", "Ödemiş Kent Konseyi Yürütme Kurulu") in events_of(text)
    assert ("Ali Er", "thanked", "Cem Ak") not in events_of(text)


def test_a_head_and_the_bodys_staff_as_object_is_the_body():
    text = (
        "Tire Belediye Başkanı Cem Ak görevine başladı. Gediz Derneği, Başkan Ak'ı ve "
        "belediye çalışanlarını tebrik etti."
    )
    assert ("Gediz Derneği", "congratulated", "Tire Belediyesi") in events_of(text)


def test_three_officials_of_one_body_act_as_the_body():
    text = (
        "Kula Ticaret Odası Başkanı Ali Er, Kula Ticaret Odası Başkan Yardımcısı Can Ak ve "
        "Kula Ticaret Odası Yönetim Kurulu Üyesi Ece Su, Salihli Belediyesi'ni ziyaret etti."
    )
    assert events_of(text) == {("Kula Ticaret Odası", "visited", "Salihli Belediyesi")}


def test_heads_of_different_bodies_act_each_for_themselves():
    text = (
        "Kula Belediye Başkanı Ali Er, Tire Belediye Başkanı Can Ak ve Bayındır Belediye "
        "Başkanı Ece Su kardeş şehir protokolü imzaladı."
    )
    signed = {(s, o) for s, p, o in events_of(text) if p == "signedAgreementWith"}
    assert signed == {("Ali Er", "Can Ak"), ("Can Ak", "Ece Su"), ("Ali Er", "Ece Su")}


def test_a_party_adjective_names_no_party():
    text = "Başkan Ali Er'e CHP'li ve MHP'li belediye başkanları da destek verdi."
    assert not any(p == "supported" for _, p, _ in events_of(text))
