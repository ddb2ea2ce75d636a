"""People, places and text segmentation, pinned by Turkish sentences the team wrote (none are
from the dev set)."""

from kg.extract.pipeline import extract
from kg.lang.tr import turkish
from kg.lang.tr.text import split_sentences, tokenize
from kg.model import Article


def entities_of(text: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {e.name: (e.type, e.aliases) for e in extract(Article("t", text)).entities}


def sentences_of(text: str) -> list[str]:
    return [s.text for s in split_sentences(text, turkish().abbreviations)]


# --- segmentation ----------------------------------------------------------------------------


def test_heading_glued_to_the_next_line_gives_two_sentences():
    text = "Kula Yeni Dönem Toplantısı YapıldıSalihli Belediye Başkanı Ayşe Demir konuştu."
    assert sentences_of(text)[0] == "Kula Yeni Dönem Toplantısı Yapıldı"


def test_heading_in_capitals_glued_to_the_next_line_gives_two_sentences():
    text = "DERNEKTEN SERT TEPKİManisa Belediye Başkanı Ali Kaya açıklama yaptı."
    assert sentences_of(text)[0] == "DERNEKTEN SERT TEPKİ"


def test_name_written_as_one_word_is_not_cut():
    assert len(sentences_of("Bu KulaBank şubesi açıldı.")) == 1


def test_full_stop_without_a_space_ends_a_sentence():
    assert sentences_of("Toplantı yapıldı.Ardından yemek verildi.") == [
        "Toplantı yapıldı.",
        "Ardından yemek verildi.",
    ]


def test_abbreviations_written_together_do_not_end_a_sentence():
    assert len(sentences_of("Toplantıya Prof.Dr. Ayşe Demir katıldı.")) == 1


def test_ordinal_number_does_not_end_a_sentence():
    assert len(sentences_of("Kula Kent Konseyi 2. Olağan Genel Kurulu yapıldı.")) == 1


def test_missing_space_before_a_name_separates_the_words():
    tokens = tokenize("Ziyareti içinKaya'ya teşekkür etti.")
    assert [t.base for t in tokens[:4]] == ["Ziyareti", "için", "Kaya", "teşekkür"]


def test_title_case_conjunction_does_not_join_two_names():
    names = entities_of("Kula Belediyesi, Salihli Ve Alaşehir Belediyesi İle Protokol İmzaladı")
    assert "Alaşehir Belediyesi" in names
    assert not any(" Ve " in n for n in names)


# --- places ----------------------------------------------------------------------------------


def test_neighbourhood_head_with_a_case_ending_names_the_neighbourhood():
    names = entities_of("Başkan, Yeşiltepe Mahallesinde Muhtar Ayşe Demir ile görüştü.")
    assert names["Yeşiltepe Mahallesi"][0] == "Place"
    assert names["Ayşe Demir"][0] == "Person"


def test_neighbourhood_named_like_a_district_is_the_neighbourhood():
    names = entities_of("Kula Mahallesi Muhtarı Ayşe Demir konuştu.")
    assert names["Kula Mahallesi"][0] == "Place"
    assert "Kula" not in names


def test_republic_after_a_country_is_a_longer_name_of_the_country():
    names = entities_of("Macaristan Cumhuriyeti heyeti kenti ziyaret etti.")
    assert names["Macaristan"] == ("Place", ("Macaristan Cumhuriyeti",))


def test_geographic_region_is_a_place():
    names = entities_of("Heyet Ege Bölgesi'ndeki illeri gezdi.")
    assert names["Ege"] == ("Place", ("Ege Bölgesi",))


def test_country_name_of_two_words_is_one_place():
    assert entities_of("Heyet Güney Kore'ye gitti.")["Güney Kore"][0] == "Place"


def test_city_abroad_is_a_place():
    assert entities_of("Heyet Münih'te temaslarda bulundu.")["Münih"][0] == "Place"


# --- people ----------------------------------------------------------------------------------


def test_noun_for_an_office_abroad_announces_a_foreign_name():
    names = entities_of("Törene Macaristan'ın İstanbul Başkonsolosu Lajos Kiss katıldı.")
    assert names["Lajos Kiss"][0] == "Person"


def test_honorific_inside_a_run_starts_a_name():
    names = entities_of("Toplantıya KKTC Başbakanı Dr. Lajos Kiss katıldı.")
    assert names["Lajos Kiss"][0] == "Person"


def test_given_name_that_is_a_district_after_an_honorific_is_a_person():
    names = entities_of("Konuşmayı Başkan Evren Toprak yaptı.")
    assert names["Evren Toprak"][0] == "Person"
    assert "Evren" not in names


def test_given_name_that_is_a_district_before_a_surname_is_a_person():
    names = entities_of("Toplantıda Selim Toprak açıklama yaptı.")
    assert names["Selim Toprak"][0] == "Person"
    assert "Selim" not in names


def test_given_name_that_is_a_district_before_a_venue_noun_is_no_person():
    names = entities_of("Vatandaşlar Fatih Camii önünde toplandı.")
    assert not any(t == "Person" for t, _ in names.values())


def test_run_ending_in_a_venue_noun_is_no_person():
    names = entities_of("Etkinlik Ayşe Demir Parkında yapıldı.")
    assert not any(t == "Person" for t, _ in names.values())


def test_surname_that_is_a_place_refers_to_the_person():
    names = entities_of("Belediye Başkanı Tolga Aydın konuştu. Aydın, derneğe teşekkür etti.")
    assert names["Tolga Aydın"] == ("Person", ("Aydın",))
    assert "Aydın" not in names


def test_name_with_a_case_ending_and_no_apostrophe_is_the_same_person():
    text = "Muhtar Emre Kayalı konuştu. Başkan, Muhtar Emre Kayalıyı ziyaret etti."
    names = entities_of(text)
    assert names["Emre Kayalı"][0] == "Person"
    assert "Emre Kayalıyı" not in names


def test_name_in_a_list_of_people_is_a_person():
    names = entities_of("Toplantıya Ali Kaya, Lajos Kiss ve Ayşe Demir katıldı.")
    assert names["Lajos Kiss"][0] == "Person"


def test_office_name_in_a_list_of_officials_is_no_person():
    text = "Başkan Yardımcısı Ali Kaya, Basın Yayın Müdürü Ayşe Demir ve Can Er katıldı."
    assert "Basın Yayın" not in entities_of(text)


def test_demonym_before_a_titled_name_is_a_place_not_part_of_the_name():
    names = entities_of("Kula Gönüllüler Derneği Başkanı Vanlı Levent Kaya konuştu.")
    assert names["Levent Kaya"][0] == "Person"
    assert names["Van"][0] == "Place"


def test_name_ending_in_a_common_noun_is_no_person():
    assert not any(
        t == "Person"
        for t, _ in entities_of("Heyet Pir Sultan Yaşam Vadisi'nde toplandı.").values()
    )


def test_verb_of_a_title_case_heading_is_no_part_of_a_name():
    names = entities_of("Kula Kent Konseyi Başkanı Ayşe Demir Salihli Belediyesine Teşekkür Etti")
    assert names["Ayşe Demir"][0] == "Person"
    assert names["Salihli Belediyesi"][0] == "Organization"


def test_city_after_a_name_in_a_where_case_is_a_place():
    names = entities_of("Macaristan Dışişleri Bakanı Lajos Kiss Ankara'ya geldi.")
    assert names["Lajos Kiss"][0] == "Person"
    assert names["Ankara"][0] == "Place"


def test_foreign_surname_ending_like_a_possessive_stays_in_the_name():
    assert entities_of("Konferansa Dr. Maria Rossi katıldı.")["Maria Rossi"][0] == "Person"


def test_place_written_without_its_circumflex_is_found():
    assert entities_of("Hakkari Belediye Başkanı Ali Er konuştu.")["Hakkari"][0] == "Place"


def test_outlet_named_with_a_place_word_is_an_outlet():
    names = entities_of("Medya Ege- Kula Belediye Başkanı Ayşe Demir konuştu.")
    assert names["Medya Ege"][0] == "Organization"


def test_neighbourhood_named_after_a_person_keeps_the_given_name():
    names = entities_of("Evren Paşa Mahallesi'nde su kesintisi yaşandı.")
    assert names["Evren Paşa Mahallesi"][0] == "Place"
    assert "Evren" not in names


def test_surname_in_capitals_refers_to_the_person():
    names = entities_of("Belediye Başkanı Tunç ARIKAN konuştu. ARIKAN, derneğe teşekkür etti.")
    assert names["Tunç Arıkan"] == ("Person", ("Tunç ARIKAN", "ARIKAN"))
    assert "ARIKAN" not in names


def test_initial_before_a_given_name_is_part_of_the_name():
    names = entities_of("M. Ali Kaya ile H. İbrahim Demir toplantıya katıldı.")
    assert names["M. Ali Kaya"][0] == "Person"
    assert names["H. İbrahim Demir"][0] == "Person"


def test_company_abbreviations_do_not_end_a_sentence():
    assert len(sentences_of("Kula Gıda San. ve Tic. Ltd. Şti. ile protokol imzalandı.")) == 1


def test_holiday_named_with_a_given_name_is_no_person():
    names = entities_of("Kentte 30 Ağustos Zafer Bayramı coşkuyla kutlandı.")
    assert not any(t == "Person" for t, _ in names.values())


def test_title_words_before_an_honorific_are_no_part_of_the_name():
    names = entities_of("Programa Bakan Yardımcısı Dr. Lajos Kiss katıldı.")
    assert names["Lajos Kiss"][0] == "Person"


def test_weekday_named_like_a_district_before_a_day_noun_is_no_place():
    assert "Çarşamba" not in entities_of("Toplantı Çarşamba günü yapılacak.")


def test_district_named_like_a_weekday_is_a_place_elsewhere():
    assert entities_of("Heyet Çarşamba ilçesine gitti.")["Çarşamba"][0] == "Place"


def test_surname_written_in_capitals_marks_a_foreign_name():
    assert entities_of("Toplantıya Lajos KOVACS katıldı.")["Lajos Kovacs"][0] == "Person"


def test_neighbourhood_named_after_a_date_keeps_its_number():
    assert entities_of("Heyet 19 Mayıs Mahallesi muhtarı ile görüştü.")["19 Mayıs Mahallesi"]


def test_neighbourhood_named_with_an_ordinal_keeps_it():
    names = entities_of("Başkan 100. Yıl Mahallesinde incelemede bulundu.")
    assert names["100. Yıl Mahallesi"] == ("Place", ())


def test_bare_surname_of_two_people_refers_to_the_one_named_last():
    text = (
        "Kula Belediye Başkanı Ahmet Yılmaz konuştu. Salihli Belediye Başkanı Mehmet Yılmaz da "
        "katıldı. Başkan Yılmaz'a teşekkür edildi."
    )
    names = entities_of(text)
    assert "Yılmaz" in names["Mehmet Yılmaz"][1]
    assert "Yılmaz" not in names["Ahmet Yılmaz"][1]


def test_country_whose_name_ends_in_an_organisation_head_is_a_place():
    names = entities_of("Rusya Federasyonu Büyükelçisi Lajos Kiss geldi.")
    assert names["Rusya"] == ("Place", ("Rusya Federasyonu",))


def test_state_of_history_is_a_place():
    assert (
        entities_of("Bu kent Osmanlı Devleti döneminde kuruldu.")["Osmanlı Devleti"][0] == "Place"
    )


def test_single_name_after_hazreti_is_a_person():
    assert (
        entities_of("Kent Hz. Yunus Emre'yi andı. Hazreti Mevlana anıldı.")["Mevlana"][0]
        == "Person"
    )


def test_country_in_the_genitive_after_a_name_is_no_surname():
    names = entities_of("Başkan Ali Kaya Türkiye'nin sorunlarını anlattı.")
    assert names["Ali Kaya"][0] == "Person"
    assert names["Türkiye"][0] == "Place"


def test_small_word_of_a_title_case_heading_is_no_part_of_a_name():
    assert not any(t == "Person" for t, _ in entities_of("Barış İçin Ortak Çağrı").values())


def test_title_in_small_letters_announces_a_foreign_name():
    assert entities_of("Törene belediye başkanı Lajos Kiss katıldı.")["Lajos Kiss"][0] == "Person"


def test_role_noun_between_an_honorific_and_a_name_is_no_part_of_it():
    assert entities_of("CHP Başkan Adayı Ali Kaya konuştu.")["Ali Kaya"][0] == "Person"


def test_person_addressed_by_the_given_name_is_the_person_named_in_full():
    names = entities_of(
        "Kula Belediye Başkanı Levent Kaya konuştu. Levent Bey, derneğe teşekkür etti."
    )
    assert names["Levent Kaya"] == ("Person", ("Levent",))
    assert "Ahmet" not in names


def test_name_written_without_its_first_given_name_is_the_same_person():
    text = "Kula Belediye Başkanı Mehmet Ali Kaya konuştu. Başkan Ali Kaya, derneğe teşekkür etti."
    names = entities_of(text)
    assert "Ali Kaya" in names["Mehmet Ali Kaya"][1]
    assert "Ali Kaya" not in names


def test_outlet_before_a_slash_and_a_sentence_is_an_outlet():
    names = entities_of("Kula Haber / Kula Belediye Başkanı Ali Er konuştu.")
    assert names["Kula Haber"][0] == "Organization"
    assert names["Ali Er"][0] == "Person"


def test_outlet_words_alone_before_a_slash_are_read():
    assert entities_of("Kula Haber /")["Kula Haber"][0] == "Organization"


def test_hyphenated_pair_of_places_gives_both():
    names = entities_of("Heyet İzmir-Manisa yolunu inceledi.")
    assert names["İzmir"][0] == "Place" and names["Manisa"][0] == "Place"


def test_a_dateline_place_that_is_also_a_month_is_the_place():
    text = "Ece SU / ARALIK (İHA) - Aralık Belediyesi yeni parkını açtı."
    extraction = extract(Article("t", text))
    assert extraction.byline.place == "Aralık"
    assert extraction.byline.agency == "İHA"
    assert "ARALIK" not in {e.name for e in extraction.entities}


def test_a_datelines_own_report_label_is_no_agency():
    names = entities_of("Selin KARA / BERGAMA (ÖZEL) - Bergama Kent Konseyi toplandı.")
    assert "ÖZEL" not in names and "Özel" not in names
    assert names["Selin Kara"][0] == "Person"


def test_an_acronym_after_a_persons_name_is_not_part_of_it():
    names = entities_of("Kula Belediye Başkanı Ali Kaya TOBB ile görüştü.")
    assert "Ali Kaya" in names and "TOBB" in names
    names = entities_of("Vali Nuri Karaloğlu STK temsilcileriyle buluştu.")
    assert "Nuri Karaloğlu" in names and not any("Stk" in n for n in names)


def test_a_surname_in_capitals_after_given_names_stays_in_the_name():
    assert entities_of("Toplantıda Mehmet Ali KAYA konuştu.")["Mehmet Ali Kaya"][0] == "Person"


def test_a_quotation_opens_a_sentence_whose_first_common_word_is_no_name():
    names = entities_of('Ali Er, "Heyetimizle Kula Belediye Başkanı Can Ak\'ı ziyaret ettik" dedi.')
    assert "Kula Belediyesi" in names
    assert not any(n.startswith("Heyet") for n in names)


def test_a_street_or_river_named_after_a_place_is_no_mention_of_it():
    names = entities_of("Yürüyüş Sakarya Caddesi'nde başladı ve Gediz Nehri kıyısında bitti.")
    assert "Sakarya" not in names and "Gediz" not in names
    names = entities_of("Heyet İzmir'de Kordon Caddesi'ni gezdi.")
    assert names["İzmir"][0] == "Place"


def test_a_given_name_that_is_a_place_before_a_place_surname_is_a_person():
    names = entities_of("Evren Aydın da vatandaşlarla görüştü.")
    assert names["Evren Aydın"][0] == "Person"
    names = entities_of("Heyet Selim Kars'ta konuştu.")
    assert names["Selim"][0] == "Place" and names["Kars"][0] == "Place"


def test_a_body_named_after_a_person_is_not_located_in_a_place_of_that_name():
    facts = extract(Article("t", "Fatih Sultan Mehmet Vakfı Başkanı Selim Aksoy konuştu.")).facts
    assert not any(f.p == "locatedIn" for f in facts)


def test_continents_and_anadolu_alone_are_no_places_under_the_guideline():
    names = entities_of(
        "Kula Anadolu Lisesi öğrencileri Avrupa'da yarıştı. Heyet Doğu Anadolu'ya gitti."
    )
    assert "Avrupa" not in names and "Anadolu" not in names
    assert names["Doğu Anadolu"][0] == "Place"


def test_a_name_inflected_twice_without_apostrophes_is_one_person_whatever_the_order():
    # "Sakallıya" into "Sakallı", and "Sakallı" into a cut "Sakall" at the end of a damaged
    # text: the chain of takings-in once met a name already taken in (a KeyError)
    text = "Başkan Sevim Sakallı konuştu. Vali Sevim Sakallıya teşekkür etti. Müdür Sevim Sakall"
    people = [e for e in extract(Article("t", text)).entities if e.type == "Person"]
    assert len(people) == 1
