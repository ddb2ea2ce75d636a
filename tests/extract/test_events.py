"""Event relations: who did what to whom, read from the constructions of Turkish news sentences.
Every sentence here was written by the team for the behaviour it pins."""

from kg.extract.pipeline import extract
from kg.model import Article


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
    text = "Başkan Ali Er'e İYİ Partili ve CHP'li meclis üyeleri de destek verdi."
    assert not any(p == "supported" for _, p, _ in events_of(text))


def test_a_pronoun_object_in_a_quote_is_the_other_side_of_the_speakers_visit():
    text = (
        "Kula Belediye Başkanı Ali Er, Tire Belediyesi'ni ziyaret etti. "
        'Başkan Er, "Misafirperverlikleri için kendilerine teşekkür ederim" dedi.'
    )
    assert ("Ali Er", "thanked", "Tire Belediyesi") in events_of(text)


def test_the_speaker_named_before_the_quote_acts_in_the_first_person():
    text = (
        "Gediz Derneği, Tire Belediyesi'ni ziyaret etti. "
        "Tire Belediye Başkanı Can Ak da bir konuşma yaptı. "
        'Gediz Derneği Başkanı Ece Su, "Tire Belediyesi\'ne teşekkür ediyorum" dedi.'
    )
    assert ("Ece Su", "thanked", "Tire Belediyesi") in events_of(text)
    assert ("Can Ak", "thanked", "Tire Belediyesi") not in events_of(text)


def test_us_in_a_quote_is_the_speakers_body():
    text = (
        "Kula Kent Konseyi Başkanı Oya Er bir açıklama yaptı. "
        '"Tire Belediyesi bize her zaman destek verdi" dedi.'
    )
    assert ("Tire Belediyesi", "supported", "Kula Kent Konseyi") in events_of(text)


def test_our_president_is_the_last_head_named_who_is_not_the_speaker():
    text = (
        "Tire Belediye Başkanı Can Ak, Gediz Derneği'ni ziyaret etti. "
        'Gediz Derneği Başkanı Ece Su, "Başkanımıza ziyaretinden dolayı teşekkür ediyorum" dedi.'
    )
    assert ("Ece Su", "thanked", "Can Ak") in events_of(text)


def test_a_body_named_with_olarak_acts_in_the_first_person():
    text = (
        'Gediz Derneği Başkanı Ece Su, "Gediz Derneği olarak ilk ziyaretimizi yaptık ve '
        "Tire Belediyesi'ni ziyaret ettik\" dedi."
    )
    assert ("Gediz Derneği", "visited", "Tire Belediyesi") in events_of(text)


def test_cooperation_between_the_parties_before_arasinda():
    text = "Kula Ticaret Odası ile Gediz Üniversitesi arasında iş birliği başladı."
    assert ("Gediz Üniversitesi", "cooperatesWith", "Kula Ticaret Odası") in events_of(text)


def test_cooperation_among_a_list_before_the_cue():
    text = "Kula Derneği, Tire Vakfı ve Ödemiş Derneği işbirliği ile bir okul yapıldı."
    pairs = {(s, o) for s, p, o in events_of(text) if p == "cooperatesWith"}
    assert pairs == {
        ("Kula Derneği", "Tire Vakfı"),
        ("Kula Derneği", "Ödemiş Derneği"),
        ("Tire Vakfı", "Ödemiş Derneği"),
    } or pairs == {
        ("Kula Derneği", "Tire Vakfı"),
        ("Kula Derneği", "Ödemiş Derneği"),
        ("Ödemiş Derneği", "Tire Vakfı"),
    }


def test_cooperation_with_a_partner_after_ile():
    text = "Tire Belediyesi, Gediz Derneği ile iş birliği yaptı."
    assert ("Gediz Derneği", "cooperatesWith", "Tire Belediyesi") in events_of(text)


def test_cooperation_said_of_no_pair_gives_nothing():
    text = "Tire Belediye Başkanı Can Ak, kurumlar arasında iş birliğinin önemli olduğunu söyledi."
    assert not any(p == "cooperatesWith" for _, p, _ in events_of(text))


def test_a_sister_municipality_named_after_the_cue_pairs_the_two_bodies():
    text = (
        "Kula Belediye Başkanı Ali Er, kardeş belediye Tire Belediye Başkanı Can Ak'ı "
        "makamında ziyaret etti."
    )
    assert ("Kula Belediyesi", "cooperatesWith", "Tire Belediyesi") in events_of(text)


def test_a_signed_cooperation_protocol_is_also_cooperation():
    text = "Kula Belediyesi ile Tire Belediyesi arasında iş birliği protokolü imzalandı."
    events = events_of(text)
    assert ("Kula Belediyesi", "signedAgreementWith", "Tire Belediyesi") in events
    assert ("Kula Belediyesi", "cooperatesWith", "Tire Belediyesi") in events


def test_support_promised_is_not_support_given():
    text = "Tire Belediyesi, Gediz Derneği'ne destek olacak."
    assert not any(p == "supported" for _, p, _ in events_of(text))
    assert ("Tire Belediyesi", "supported", "Gediz Derneği") in events_of(
        "Tire Belediyesi, Gediz Derneği'ne destek oldu."
    )


def test_no_meeting_between_a_visitor_and_the_visited_bodys_head():
    text = (
        "Gediz Derneği, Tire Belediyesi'ni ziyaret etti. Dernek Başkanı Ece Su, "
        "Tire Belediye Başkanı Can Ak ile bir araya geldi."
    )
    assert not any(p == "metWith" for _, p, _ in events_of(text))


def test_the_visited_bodys_officials_listed_as_hosts_add_no_visit():
    text = (
        "Ece Su, Tire Ticaret Odası'nı ziyaret ederek Tire Ticaret Odası Başkanı Can Ak ve "
        "Tire Ticaret Odası Başkan Yardımcısı Ali Er'in konuğu oldu."
    )
    visits = {o for s, p, o in events_of(text) if p == "visited"}
    assert visits == {"Tire Ticaret Odası"}


def test_with_followed_by_about_is_no_meeting():
    text = "Tire Belediyesi, Kula Mahallesi ile ilgili istişarede bulundu."
    assert not any(p == "metWith" for _, p, _ in events_of(text))


def test_the_giver_of_help_in_the_genitive_supports_the_sentences_actor():
    text = "Kula Belediyesi'nin desteğiyle Gediz Derneği bir okul yaptırdı."
    assert ("Kula Belediyesi", "supported", "Gediz Derneği") in events_of(text)


def test_an_invitation_in_the_genitive_invites_the_sentences_actor():
    text = "Tire Kent Konseyi'nin davetiyle Ödemiş Belediye Başkanı Ece Su da toplantıya katıldı."
    assert ("Tire Kent Konseyi", "invited", "Ece Su") in events_of(text)


def test_thanks_for_support_also_state_the_support_to_the_thankers_body():
    text = (
        "Kula Kent Konseyi Başkanı Oya Er, Tire Belediye Başkanı Can Ak'a desteklerinden "
        "dolayı teşekkür etti."
    )
    events = events_of(text)
    assert ("Oya Er", "thanked", "Can Ak") in events
    assert ("Can Ak", "supported", "Kula Kent Konseyi") in events


def test_a_participles_head_acts_whatever_its_own_case():
    text = "Gediz Derneği'ne desteğini esirgemeyen Tire Belediye Başkanı Can Ak'a plaket verildi."
    assert ("Can Ak", "supported", "Gediz Derneği") in events_of(text)


def test_a_participle_before_a_common_noun_names_no_actor():
    text = "Tire Belediyesi'ni ziyaret eden heyet, Kula Derneği'ne teşekkür etti."
    assert not any(s == "Kula Derneği" and p == "visited" for s, p, _ in events_of(text))


def test_wishing_the_newly_elected_well_is_congratulating():
    text = "Kula Belediye Başkanı Ali Er, Tire Ticaret Odası Başkanı Can Ak'a hayırlı olsun dedi."
    assert ("Ali Er", "congratulated", "Can Ak") in events_of(text)


def test_a_reaction_against_someone_is_criticism():
    text = "Gediz Derneği Başkanı Ece Su, Tire Belediye Başkanı Can Ak'a sert tepki gösterdi."
    assert ("Ece Su", "criticized", "Can Ak") in events_of(text)


def test_hosting_someone_as_a_guest_is_their_visit():
    text = "Tire Belediye Başkanı Can Ak, Gediz Derneği heyetini makamında konuk etti."
    assert ("Gediz Derneği", "visited", "Can Ak") in events_of(text)


def test_a_verb_without_its_own_object_shares_the_one_before_it():
    text = "Gediz Derneği, Tire Muhtarı Ece Su'yu ziyaret ederek günlerini kutladı."
    events = events_of(text)
    assert ("Gediz Derneği", "visited", "Ece Su") in events
    assert ("Gediz Derneği", "congratulated", "Ece Su") in events


def test_a_genitive_takes_the_case_of_its_possessed_noun_a_few_words_on():
    text = "Gediz Derneği Başkanı Ece Su, Kula Belediyesi'nin yeni imar planını eleştirdi."
    assert ("Ece Su", "criticized", "Kula Belediyesi") in events_of(text)


def test_each_verb_of_a_chain_takes_its_own_object_when_it_has_one():
    text = "Gediz Derneği, Tire Belediyesi'ni ziyaret ederek Kula Derneği'ne teşekkür etti."
    events = events_of(text)
    assert ("Gediz Derneği", "thanked", "Kula Derneği") in events
    assert ("Gediz Derneği", "thanked", "Tire Belediyesi") not in events


def test_a_third_person_verb_without_a_named_subject_carries_no_actor_over():
    text = (
        "Gediz Derneği Başkanı Ece Su konuştu. "
        "Tire Belediyesi'ne ilçedeki tüm muhtarlar da destek verdi."
    )
    assert not any(p == "supported" for _, p, _ in events_of(text))


def test_partners_met_together_did_not_meet_each_other():
    text = "Toplantıda Kula Derneği, Tire Vakfı ve Ödemiş Derneği ile görüşüldü ve görüşme yapıldı."
    assert not any(p == "metWith" for _, p, _ in events_of(text))


def test_a_lone_given_name_that_is_a_full_names_surname_is_that_person():
    text = (
        "Kula Kent Konseyi Başkanı Oya Ergin konuştu. Ergin ise Tire Belediyesi'ne teşekkür etti."
    )
    assert ("Oya Ergin", "thanked", "Tire Belediyesi") in events_of(text)


def test_the_delegation_stands_for_the_body_whose_delegation_was_named():
    text = (
        "Gediz Derneği heyeti Tire'ye geldi. "
        "Heyet, Tire Belediyesi'ni ve Tire Ticaret Odası'nı ziyaret etti."
    )
    events = events_of(text)
    assert ("Gediz Derneği", "visited", "Tire Belediyesi") in events
    assert ("Gediz Derneği", "visited", "Tire Ticaret Odası") in events


def test_a_place_compounded_with_a_visit_is_visited():
    text = "Kula Belediye Başkanı Ali Er, Tire ziyareti sırasında esnafla buluştu."
    assert ("Ali Er", "visited", "Tire") in events_of(text)


def test_a_light_verbs_object_may_stand_between_it_and_its_noun():
    text = (
        'Gediz Derneği Başkanı Ece Su, "Gediz Derneği olarak ilk ziyaretimizi '
        "Tire Belediye Başkanı Can Ak'a gerçekleştirdik\" dedi."
    )
    assert ("Gediz Derneği", "visited", "Can Ak") in events_of(text)


def test_an_inflected_noun_is_not_joined_to_a_verb_that_is_no_light_verb():
    text = "Tire Belediyesi, Gediz Derneği'ne destekleri ve yıllardır gösterdiği ilgi için teşekkür etti."
    assert ("Tire Belediyesi", "supported", "Gediz Derneği") not in events_of(text)


def test_a_body_compounded_with_a_visit_is_visited():
    text = "Vali Ali Er'in Kula Belediyesi ziyareti sırasında projeler konuşuldu."
    assert ("Ali Er", "visited", "Kula Belediyesi") in events_of(text)


def test_a_plaque_of_thanks_thanks():
    text = "Gediz Derneği, Tire Belediye Başkanı Can Ak'a teşekkür plaketi verdi."
    assert ("Gediz Derneği", "thanked", "Can Ak") in events_of(text)


def test_accepting_an_invitation_is_being_invited():
    text = "Kula Belediye Başkanı Ali Er, Gediz Derneği'nin davetine katıldı."
    assert ("Gediz Derneği", "invited", "Ali Er") in events_of(text)


def test_a_genitive_before_a_relative_participle_takes_the_case_of_the_noun_it_describes():
    text = "Kula Belediye Başkanı Ali Er, Tire Derneği'nin başlattığı kampanyayı destekledi."
    assert ("Ali Er", "supported", "Tire Derneği") in events_of(text)


def test_partners_met_together_met_the_subject_not_each_other():
    text = "Tire Belediye Başkanı Can Ak, Kula Derneği ve Gediz Vakfı yöneticileriyle görüştü."
    meetings = {(s, o) for s, p, o in events_of(text) if p == "metWith"}
    assert ("Kula Derneği", "Gediz Vakfı") not in meetings
    assert ("Can Ak", "Gediz Vakfı") in meetings


def test_a_meeting_beside_a_visit_to_another_party_is_kept():
    text = "Başkan Ali Er, Almanya ziyaretinde Berlin Belediyesi yetkilileriyle görüştü."
    assert ("Ali Er", "metWith", "Berlin Belediyesi") in events_of(text)


def test_names_listed_across_their_titles_sign_by_their_genitive():
    text = (
        "Kula Belediye Başkanı Ali Er ve Tire Derneği Şube Başkanı Can Ak'ın imzasıyla "
        "hayata geçen protokol ile ortak projeler yürütülecek."
    )
    events = events_of(text)
    assert ("Ali Er", "signedAgreementWith", "Can Ak") in events


def test_names_with_their_address_title_are_thanked():
    text = 'Başkan Ece Su, "Ali Er ve Can Ak Başkanlarımıza çok teşekkür ediyorum" dedi.'
    events = events_of(text)
    assert {("Ece Su", "thanked", "Ali Er"), ("Ece Su", "thanked", "Can Ak")} <= events


def test_a_protocol_signed_between_three_bodies_binds_every_pair():
    text = (
        "Kula Ticaret Odası (KTO), Gediz Üniversitesi (GÜ) ve Tire Organize Sanayi Bölgesi "
        "(TOSB) arasında 'Stratejik İşbirliği Protokolü' imzalandı."
    )
    signed = {frozenset((s, o)) for s, p, o in events_of(text) if p == "signedAgreementWith"}
    assert signed == {
        frozenset(("Kula Ticaret Odası", "Gediz Üniversitesi")),
        frozenset(("Kula Ticaret Odası", "Tire Organize Sanayi Bölgesi")),
        frozenset(("Gediz Üniversitesi", "Tire Organize Sanayi Bölgesi")),
    }


def test_places_listed_before_a_plural_head_title_are_the_heads_of_their_bodies():
    text = (
        "Tire Belediye Başkanı Ali Er, Kula Belediye Başkanı Can Ak ve Ödemiş Belediye "
        "Başkanı Ece Su törene katıldı. Tire, Kula ve Ödemiş Belediye Başkanları kardeş "
        "şehir protokolünü imzaladılar."
    )
    signed = {frozenset((s, o)) for s, p, o in events_of(text) if p == "signedAgreementWith"}
    assert signed == {
        frozenset(("Ali Er", "Can Ak")),
        frozenset(("Ali Er", "Ece Su")),
        frozenset(("Can Ak", "Ece Su")),
    }


def test_bodies_listed_with_olarak_all_speak():
    text = "Kula, Ödemiş ve Tire Belediyeleri olarak sel protokolü imzaladık."
    signed = {frozenset((s, o)) for s, p, o in events_of(text) if p == "signedAgreementWith"}
    assert frozenset(("Kula Belediyesi", "Tire Belediyesi")) in signed
    assert len(signed) == 3


def test_a_surname_that_is_a_place_acts_as_the_person_it_resolves_to():
    text = (
        "Kula Kent Konseyi Başkanı Ayşe Yıldırım konuştu. "
        "Yıldırım ise Başkan Can Sarı'ya misafirperverliği için teşekkür etti."
    )
    assert ("Ayşe Yıldırım", "thanked", "Can Sarı") in events_of(text)


def test_a_visit_to_a_head_stays_beside_a_headline_visit_to_the_body():
    text = (
        "Kula Kent Konseyi'nden Salihli Belediyesi'ne ziyaret\n\n"
        "Kula Kent Konseyi Başkanı Ayşe Yıldırım ve yürütme kurulu üyeleri, Salihli Belediye "
        "Başkanı Murat Sarı'yı makamında ziyaret etti."
    )
    events = events_of(text)
    assert ("Kula Kent Konseyi", "visited", "Salihli Belediyesi") in events
    assert ("Kula Kent Konseyi", "visited", "Murat Sarı") in events


def test_the_subject_marked_by_a_comma_is_no_member_of_the_givers_list():
    text = "Tire Gönüllüler Derneği, Kula Belediyesi'nin davetlisi olarak geldi."
    assert ("Kula Belediyesi", "invited", "Tire Gönüllüler Derneği") in events_of(text)


def test_a_noun_clause_said_by_the_subject_has_the_subject_as_actor():
    text = "Kula Ticaret Odası, Tire Gönüllüler Derneği'nin çalışmalarını desteklediğini açıkladı."
    assert ("Kula Ticaret Odası", "supported", "Tire Gönüllüler Derneği") in events_of(text)


def test_a_genitive_title_in_the_noun_clause_is_its_actor_not_the_subject():
    text = "Ali Er ise Kula Belediye Başkanı'nın Tire'de Can Ak'ı ağırladığını belirtti."
    assert not [f for f in events_of(text) if "Ali Er" in (f[0], f[2])]


def test_a_contribution_made_is_support():
    text = "Kula Ticaret Odası, Tire Gönüllüler Derneği'ne katkıda bulundu."
    assert ("Kula Ticaret Odası", "supported", "Tire Gönüllüler Derneği") in events_of(text)


def test_receiving_a_delegation_is_hosting_its_visit():
    text = "Vali Ali Er, Tire Gönüllüler Derneği heyetini makamında kabul etti."
    assert ("Tire Gönüllüler Derneği", "visited", "Ali Er") in events_of(text)
    passive = "Tire Gönüllüler Derneği heyeti, Vali Ali Er tarafından makamında kabul edildi."
    assert ("Tire Gönüllüler Derneği", "visited", "Ali Er") in events_of(passive)
    assert not events_of("Kula Belediyesi, Tire Gönüllüler Derneği'nin önerisini kabul etti.")


def test_a_partnership_is_cooperation():
    text = "Kula Belediyesi ve Tire Gönüllüler Derneği ortaklığında düzenlenen kermes sona erdi."
    assert ("Kula Belediyesi", "cooperatesWith", "Tire Gönüllüler Derneği") in events_of(text)


def test_a_province_in_the_genitive_before_a_listed_body_is_no_party_of_the_protocol():
    text = (
        "Ödemiş Belediyesi ile Bolu'nun Mudurnu Belediyesi ve Artvin'in Şavşat Belediyesi "
        "arasında kardeş şehir protokolü imzalandı."
    )
    signed = {(s, o) for s, p, o in events_of(text) if p == "signedAgreementWith"}
    assert len(signed) == 3
    assert not any("Bolu" in pair or "Artvin" in pair for pair in signed)


def test_a_province_in_the_genitive_inside_a_list_before_a_plural_head():
    text = (
        "Ödemiş Belediyesi ile Tire ve Bolu'nun Mudurnu Belediyeleri arasında kardeş şehir "
        "protokolü imzalandı."
    )
    events = events_of(text)
    assert ("Mudurnu Belediyesi", "signedAgreementWith", "Ödemiş Belediyesi") in events or (
        "Ödemiş Belediyesi",
        "signedAgreementWith",
        "Mudurnu Belediyesi",
    ) in events
    assert any("Tire Belediyesi" in (s, o) for s, p, o in events if p == "cooperatesWith")


def test_thanks_for_a_bodys_act_go_to_that_body():
    text = "Tire Gönüllüler Derneği Başkanı Elif Şahin, Kula Ticaret Odası'nın desteği için teşekkür etti."
    events = events_of(text)
    assert ("Elif Şahin", "thanked", "Kula Ticaret Odası") in events
    assert ("Kula Ticaret Odası", "supported", "Tire Gönüllüler Derneği") in events


def test_a_genitive_reference_to_the_articles_one_body_is_that_body():
    text = (
        "Kula Ticaret Odası, Tire Gönüllüler Derneği'ne gıda bağışladı. Dernek Başkanı "
        "Elif Şahin, odanın desteği için teşekkür etti."
    )
    assert ("Elif Şahin", "thanked", "Kula Ticaret Odası") in events_of(text)


def test_the_subject_before_a_comma_is_not_the_first_of_the_objects_listed_after_it():
    text = (
        "Kula Belediye Başkanı Ali Er, Tire Gönüllüler Derneği ve Ödemiş Gönüllüler "
        "Derneği'ni ziyaret etti."
    )
    events = events_of(text)
    assert ("Ali Er", "visited", "Tire Gönüllüler Derneği") in events
    assert ("Ali Er", "visited", "Ödemiş Gönüllüler Derneği") in events


def test_a_list_in_the_genitive_opening_a_sentence_acts_together():
    text = "Başkan Ali Er, Rektör Can Ak ve Başkan Ece Su'nun imza attığı protokol yürürlüğe girdi."
    signed = {(s, o) for s, p, o in events_of(text) if p == "signedAgreementWith"}
    assert ("Ali Er", "Can Ak") in signed or ("Can Ak", "Ali Er") in signed


def test_kendilerine_outside_a_quote_is_seen_from_the_sentences_own_subject():
    text = (
        "Kula Belediye Başkanı Ali Er, Tire Gönüllüler Derneği'ni ziyaret etti. "
        "Dernek Başkanı Can Ak, kendilerine ziyaretleri için teşekkür etti."
    )
    events = events_of(text)
    assert ("Can Ak", "thanked", "Ali Er") in events
    assert ("Can Ak", "thanked", "Tire Gönüllüler Derneği") not in events


def test_a_visit_the_subject_made_is_the_subjects():
    text = "Kula Belediye Başkanı Ali Er, derneğe yaptığı ziyarette Tire Gönüllüler Derneği Başkanı Can Ak'tan bilgi aldı."
    assert ("Ali Er", "visited", "Tire Gönüllüler Derneği") in events_of(text)
    text = "Kula Belediye Başkanı Ali Er, Tire Gönüllüler Derneği'ni ziyaretinde projeleri dinledi."
    assert ("Ali Er", "visited", "Tire Gönüllüler Derneği") in events_of(text)


def test_a_visit_they_made_is_not_the_subjects():
    text = "Vali Ali Er, Tire Gönüllüler Derneği'ne gerçekleştirdikleri ziyaret için teşekkür etti."
    assert ("Ali Er", "visited", "Tire Gönüllüler Derneği") not in events_of(text)


def test_also_in_a_passive_takes_the_actor_of_the_act_stated_before():
    text = (
        "Kula Belediyesi, Tire Gönüllüler Derneği'ni programa davet etti. "
        "Ödemiş Gönüllüler Derneği de programa davet edildi."
    )
    assert ("Kula Belediyesi", "invited", "Ödemiş Gönüllüler Derneği") in events_of(text)
    text = "Ödemiş Gönüllüler Derneği programa davet edildi."
    assert not events_of(text)


def test_passive_criticism_with_its_agent():
    text = "Ege Gönüllüler Derneği, Tire Vakfı tarafından eleştirildi."
    assert ("Tire Vakfı", "criticized", "Ege Gönüllüler Derneği") in events_of(text)


def test_support_in_headlines_relative_clauses_and_passive_participles():
    assert ("Kula Belediyesi", "supported", "Tire Gönüllüler Derneği") in events_of(
        "Kula Belediyesi'nden Tire Gönüllüler Derneği'ne anlamlı bağış"
    )
    assert ("Kula Belediyesi", "supported", "Tire Gönüllüler Derneği") in events_of(
        "Kula Belediyesi'nin desteklediği Tire Gönüllüler Derneği kermes düzenledi."
    )
    assert ("Kula Belediyesi", "supported", "Tire Gönüllüler Derneği") in events_of(
        "Kula Belediyesi tarafından desteklenen Tire Gönüllüler Derneği kermes düzenledi."
    )
    assert ("Kula Ticaret Odası", "supported", "Tire Gönüllüler Derneği") in events_of(
        "Kula Ticaret Odası'nın maddi ve manevi desteğiyle Tire Gönüllüler Derneği burs verdi."
    )


def test_a_noun_clause_object_describes_no_party_after_it():
    text = "Kula Ticaret Odası, Tire Gönüllüler Derneği'nin projesini destekleyeceğini açıkladı."
    assert not events_of(text)


def test_a_word_after_the_cue_that_only_ends_like_a_first_person_verb_is_not_one():
    text = "Tire Gönüllüler Derneği, Başkan Ali Er'e teşekkür plaketi takdim etti."
    assert ("Tire Gönüllüler Derneği", "thanked", "Ali Er") in events_of(text)


def test_joint_work_in_its_other_words_is_cooperation():
    pair = {"Kula Belediyesi", "Tire Gönüllüler Derneği"}
    for text in (
        "Kula Belediyesi ile Tire Gönüllüler Derneği güç birliği yaptı.",
        "Kula Belediyesi ile Tire Gönüllüler Derneği el ele verdi.",
        "Kula Belediyesi, Tire Gönüllüler Derneği ile ortak çalışma yapacak.",
        "Kula Belediyesi ve Tire Gönüllüler Derneği'nin birlikte düzenlediği kermes sona erdi.",
        "Kula Belediyesi ile Tire Gönüllüler Derneği arasında imzalanan iş birliği protokolü ile "
        "kurs açılacak.",
    ):
        assert any({s, o} == pair for s, p, o in events_of(text) if p == "cooperatesWith"), text
    text = "Kula Belediyesi, Tire Gönüllüler Derneği ile birlikte ziyaret etti."
    assert not any(p == "cooperatesWith" for _, p, _ in events_of(text))


def test_stopping_by_is_a_visit():
    text = "Kula Belediye Başkanı Ali Er, Tire Gönüllüler Derneği'ne de uğradı."
    assert ("Ali Er", "visited", "Tire Gönüllüler Derneği") in events_of(text)


def test_a_visit_or_meeting_planned_has_not_happened():
    assert not events_of(
        "Kula Belediye Başkanı Ali Er, yarın Tire Gönüllüler Derneği'ni ziyaret edecek."
    )
    text = (
        "Kula Belediye Başkanı Ali Er, Tire Gönüllüler Derneği'ni ziyaret etmek istediğini söyledi."
    )
    assert not events_of(text)


def test_a_co_party_with_ile_before_a_comma_marked_subject_acts_with_it():
    text = (
        "Kula Belediye Başkanı Ali Er ile Başkan Yardımcısı Can Ak, "
        "Tire Gönüllüler Derneği'ni ziyaret etti."
    )
    events = events_of(text)
    assert ("Ali Er", "visited", "Tire Gönüllüler Derneği") in events
    assert ("Can Ak", "visited", "Tire Gönüllüler Derneği") in events


def test_names_listed_before_a_genitive_are_no_subject_of_the_main_verb():
    text = (
        "Başkan Ali Er, Meclis Başkanı Can Ak ve Üye Ece Su'nun katıldığı program kapsamında "
        "Kula Ticaret Odası ile protokol imzalandı."
    )
    assert not events_of(text)


def test_a_meeting_read_from_a_participle_or_a_converb():
    text = "Kula Ziraat Odası Başkanı Can Ak ile görüşen Vali Ali Er, sorunları dinledi."
    assert ("Ali Er", "metWith", "Can Ak") in events_of(text)
    text = "Vali Ali Er, Kula Ziraat Odası Başkanı Can Ak ile görüşerek bilgi aldı."
    assert ("Ali Er", "metWith", "Can Ak") in events_of(text)


def test_a_person_with_their_team_stays_the_person():
    for text in (
        "Vali Ali Er, Tire Derneği Başkanı Can Ak ve ekibine teşekkür etti.",
        "Vali Ali Er, Tire Derneği Başkanı Can Ak'a ve ekibine teşekkür etti.",
    ):
        events = events_of(text)
        assert ("Ali Er", "thanked", "Can Ak") in events, text
        assert ("Ali Er", "thanked", "Tire Derneği") not in events, text
    text = "Vali Ali Er, Tire Derneği Başkanı Can Ak ve yönetim kurulu üyelerine teşekkür etti."
    assert ("Ali Er", "thanked", "Tire Derneği") in events_of(text)


def test_a_speaker_named_after_the_quotation_by_diyen_speaks_it():
    text = "“Can Ak'a teşekkür ediyorum” diyen Vali Ali Er, programdan ayrıldı."
    assert ("Ali Er", "thanked", "Can Ak") in events_of(text)


def test_support_promised_in_the_future_is_no_support():
    for text in (
        "Başkan Ali Er, Tire Gönüllüler Derneği'ne her zaman destek vereceklerini söyledi.",
        "Başkan Ali Er, “Tire Gönüllüler Derneği'ne destek olacağız” dedi.",
    ):
        assert not any(p == "supported" for _, p, _ in events_of(text)), text
    text = "Başkan Ali Er, Tire Gönüllüler Derneği'ne destek verdi."
    assert ("Ali Er", "supported", "Tire Gönüllüler Derneği") in events_of(text)


def test_a_body_described_as_the_sister_of_another_cooperates_with_it():
    text = "Batum Belediyesi ile kardeş şehir olan Ödemiş Belediyesi, Vali Ali Er'i ağırladı."
    pairs = {frozenset((s, o)) for s, p, o in events_of(text) if p == "cooperatesWith"}
    assert frozenset(("Batum Belediyesi", "Ödemiş Belediyesi")) in pairs


def test_kendisini_with_no_visit_read_before_is_the_sentences_subject():
    text = "Kula Belediye Başkanı Ali Er, kendisini ziyaret eden Tire Gönüllüler Derneği üyelerine teşekkür etti."
    events = events_of(text)
    assert ("Tire Gönüllüler Derneği", "visited", "Ali Er") in events
    assert ("Ali Er", "thanked", "Tire Gönüllüler Derneği") in events


def test_standing_by_funding_and_granting_are_support():
    for text in (
        "Kula Belediyesi, Tire Gönüllüler Derneği'nin her zaman yanında oldu.",
        "Kula Belediyesi, zor günlerinde Tire Gönüllüler Derneği'nin yanında yer aldı.",
        "Kula Belediyesi'nin katkısı ile Tire Gönüllüler Derneği kurs açtı.",
        "Kula Belediyesi, Tire Gönüllüler Derneği'ne hibe verdi.",
        "Kula Belediyesi, Tire Gönüllüler Derneği'ni finanse etti.",
    ):
        assert ("Kula Belediyesi", "supported", "Tire Gönüllüler Derneği") in events_of(text), text


def test_the_first_of_a_group_or_its_representative_takes_the_groups_case():
    for text in (
        "Vali Ali Er, başta Tire Derneği Başkanı Can Ak olmak üzere emeği geçen herkese teşekkür etti.",
        "Vali Ali Er, “Başta Tire Derneği Başkanı Can Ak olmak üzere herkese teşekkür ediyorum” dedi.",
        "Vali Ali Er, Tire Derneği Başkanı Can Ak nezdinde tüm yöneticilere teşekkür etti.",
    ):
        assert ("Ali Er", "thanked", "Can Ak") in events_of(text), text


def test_a_common_noun_in_the_accusative_before_the_verb_is_its_object():
    text = (
        "Başkan Ali Er, Kula Belediyesi'nin çalışmalarını anlatarak Mahalle Muhtarlarını da "
        "ziyaret etti."
    )
    assert not any(p == "visited" for _, p, _ in events_of(text))
    text = "Başkan Ali Er, Tire Gönüllüler Derneği'nin yeni yönetimini tebrik etti."
    assert ("Ali Er", "congratulated", "Tire Gönüllüler Derneği") in events_of(text)


def test_a_subject_inside_the_quotation_acts_there_not_the_speaker():
    text = (
        "Tire Gönüllüler Derneği Başkanı Can Ak, “Kula Belediyesi bize her zaman destek oldu” dedi."
    )
    events = events_of(text)
    assert ("Kula Belediyesi", "supported", "Tire Gönüllüler Derneği") in events
    assert not any(s == "Can Ak" and p == "supported" for s, p, _ in events)


def test_support_with_the_noun_softened_before_its_ending():
    for text in (
        "Kula Belediyesi, Tire Gönüllüler Derneği'ne araç desteği verdi.",
        "Kula Belediyesi, Tire Gönüllüler Derneği'ne desteğini sundu.",
        "Kula Belediyesi, Tire Gönüllüler Derneği'ne gıda yardımı yaptı.",
    ):
        assert ("Kula Belediyesi", "supported", "Tire Gönüllüler Derneği") in events_of(text), text


def test_meeting_someones_needs_is_no_reception():
    text = "Kula Belediyesi, Tire Gönüllüler Derneği'nin ihtiyaçlarını karşıladı."
    assert not any(p == "visited" for _, p, _ in events_of(text))
    text = "Kula Belediyesi, Tire Gönüllüler Derneği'nin heyetini ağırladı."
    assert ("Tire Gönüllüler Derneği", "visited", "Kula Belediyesi") in events_of(text)


def test_support_continued_is_support_and_support_to_be_continued_is_not():
    text = "Kula Belediyesi, Tire Gönüllüler Derneği'ne desteklerini sürdürüyor."
    assert ("Kula Belediyesi", "supported", "Tire Gönüllüler Derneği") in events_of(text)
    text = "Kula Belediyesi, Tire Gönüllüler Derneği'ne desteğini sürdüreceğini açıkladı."
    assert not events_of(text)
