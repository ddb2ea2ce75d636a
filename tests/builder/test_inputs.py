"""Reading txt, md, jsonl and html inputs into Articles, and unreadable inputs into Problems."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from kg import KnowledgeGraph
from kg.builder.inputs import READERS, count_articles, read_inputs
from kg.builder.readers import article_id_from_path, article_id_from_url, outlet_from_url
from kg.lang.tr.text import slug
from kg.model import Article, Problem

BELEDIYE = "Bornova Belediyesi, Kazımdirik Mahallesi'nde yeni bir halk kütüphanesi açtı."
MECLIS = "Karşıyaka Belediye Meclisi, sahil yolundaki bisiklet yolunu görüştü."
DERNEK = "Ödemiş Esnaf Derneği, çarşı esnafıyla kış tedbirlerini konuştu."


def write(directory: Path, name: str, content: str | bytes) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def read(*paths: Path) -> list[Article | Problem]:
    return list(read_inputs(paths))


def only_article(*paths: Path) -> Article:
    items = read(*paths)
    assert [type(item) for item in items] == [Article], items
    return items[0]


def only_problem(*paths: Path) -> Problem:
    items = read(*paths)
    assert [type(item) for item in items] == [Problem], items
    return items[0]


def jsonl(*records: object) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


# --- text files -------------------------------------------------------------------------------


def test_date_header_sets_article_date_and_is_removed_from_text(tmp_path):
    article = only_article(write(tmp_path, "kutuphane.txt", f"date 2025-11-04\n{BELEDIYE}\n"))
    assert article.date == "2025-11-04"
    assert article.text == BELEDIYE


def test_date_header_may_share_its_line_with_the_lead(tmp_path):
    # The seed corpus puts the lead right after the date, on the same line.
    path = write(tmp_path, "kutuphane.txt", f" date 2025-11-04 {BELEDIYE}\n\n{MECLIS}\n")
    article = only_article(path)
    assert article.date == "2025-11-04"
    assert article.text == f"{BELEDIYE}\n\n{MECLIS}"


def test_text_without_header_is_kept_whole_and_has_no_date(tmp_path):
    article = only_article(write(tmp_path, "meclis.txt", f"{MECLIS}\n\n{DERNEK}\n"))
    assert article.date is None
    assert article.text == f"{MECLIS}\n\n{DERNEK}"


def test_title_defaults_to_the_first_non_empty_line(tmp_path):
    path = write(tmp_path, "meclis.txt", f"date 2025-12-01\n\nBisiklet yolu mecliste\n{MECLIS}\n")
    article = only_article(path)
    assert article.title == "Bisiklet yolu mecliste"
    assert article.text.startswith("Bisiklet yolu mecliste\n")


def test_url_title_and_outlet_headers_fill_the_article(tmp_path):
    header = (
        "date 2025-12-01\n"
        "url https://www.egehaber.com.tr/karsiyaka-bisiklet-yolu\n"
        "title Karşıyaka'da bisiklet yolu görüşüldü\n"
        "outlet Ege Haber\n"
    )
    article = only_article(write(tmp_path, "meclis.txt", header + MECLIS))
    assert article.url == "https://www.egehaber.com.tr/karsiyaka-bisiklet-yolu"
    assert article.id == "egehaber-com-tr-karsiyaka-bisiklet-yolu"
    assert article.title == "Karşıyaka'da bisiklet yolu görüşüldü"
    assert article.outlet == "Ege Haber"
    assert article.text == MECLIS


def test_outlet_defaults_to_the_url_host_without_www(tmp_path):
    path = write(tmp_path, "meclis.txt", f"url https://www.egehaber.com.tr/bisiklet\n{MECLIS}")
    assert only_article(path).outlet == "egehaber.com.tr"


def test_header_ends_at_the_first_line_that_is_not_a_header(tmp_path):
    path = write(tmp_path, "meclis.txt", f"date 2025-12-01\n{MECLIS}\ntitle sonradan gelen satır\n")
    article = only_article(path)
    assert article.title == MECLIS
    assert article.text.endswith("title sonradan gelen satır")


def test_unrecognised_header_date_is_kept_raw_in_metadata(tmp_path):
    article = only_article(write(tmp_path, "meclis.txt", f"date 04.11.2025\n{MECLIS}"))
    assert article.date is None
    assert article.metadata["date_raw"] == "04.11.2025"
    assert article.text == MECLIS


def test_markdown_file_is_read_like_text(tmp_path):
    path = write(tmp_path, "dernek.md", f"date 2026-01-15\n# Kış tedbirleri\n\n{DERNEK}\n")
    article = only_article(path)
    assert article.date == "2026-01-15"
    assert article.title == "# Kış tedbirleri"
    assert DERNEK in article.text


def test_text_article_id_comes_from_the_file_stem(tmp_path):
    article = only_article(write(tmp_path, "Ödemiş Esnaf Derneği.txt", DERNEK))
    assert article.id == "odemis-esnaf-dernegi"
    assert article.source == str(tmp_path / "Ödemiş Esnaf Derneği.txt")


def test_source_file_is_the_path_below_the_folder_given(tmp_path):
    write(tmp_path, "girdi/ilce/dernek.txt", DERNEK)
    write(tmp_path, "girdi/meclis.jsonl", jsonl({"text": MECLIS}))
    sources = sorted(a.source_file for a in read(tmp_path / "girdi") if isinstance(a, Article))
    assert sources == ["ilce/dernek.txt", "meclis.jsonl"]


def test_source_file_of_a_file_given_alone_is_its_name(tmp_path):
    article = only_article(write(tmp_path, "girdi/dernek.txt", DERNEK))
    assert article.source_file == "dernek.txt"


def test_windows_line_endings_become_newlines(tmp_path):
    path = write(tmp_path, "meclis.txt", f"date 2025-12-01\r\n{MECLIS}\r\n{DERNEK}\r\n")
    article = only_article(path)
    assert article.text == f"{MECLIS}\n{DERNEK}"


def test_text_is_normalised_to_nfc(tmp_path):
    decomposed = unicodedata.normalize("NFD", DERNEK)
    assert decomposed != DERNEK
    assert only_article(write(tmp_path, "dernek.txt", decomposed)).text == DERNEK


def test_typographic_apostrophe_is_preserved(tmp_path):
    sentence = "Karşıyaka’da muhtarlar, Valilik’e ortak bir dilekçe verdi."
    assert only_article(write(tmp_path, "muhtar.txt", sentence)).text == sentence


def test_byte_order_mark_is_dropped(tmp_path):
    path = write(tmp_path, "meclis.txt", b"\xef\xbb\xbfdate 2025-12-01\n" + MECLIS.encode())
    article = only_article(path)
    assert article.date == "2025-12-01"
    assert article.text == MECLIS


def test_empty_file_is_a_problem(tmp_path):
    path = write(tmp_path, "bos.txt", " \n\n")
    assert only_problem(path) == Problem(str(path), "empty file (no article text)")


def test_file_with_only_a_header_is_an_empty_file_problem(tmp_path):
    path = write(tmp_path, "bos.txt", "date 2025-12-01\nurl https://egehaber.com.tr/bos\n")
    assert only_problem(path).message == "empty file (no article text)"


def test_binary_file_is_a_problem(tmp_path):
    path = write(tmp_path, "resim.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert only_problem(path) == Problem(str(path), "binary file, not text")


def test_invalid_utf8_problem_names_the_byte_and_its_offset(tmp_path):
    # "Karşıyaka" saved as Windows-1254: ş is the single byte 0xfe.
    path = write(tmp_path, "eski.txt", "Karşıyaka meclisi toplandı.".encode("cp1254"))
    assert only_problem(path).message.startswith("not valid UTF-8 (byte 0xfe at offset 3)")


def test_text_in_windows_turkish_is_a_problem_saying_how_to_convert_it(tmp_path):
    path = write(tmp_path, "eski.txt", "Karşıyaka meclisi toplandı.".encode("cp1254"))
    message = only_problem(path).message
    assert "cp1254" in message and "iconv -f cp1254 -t utf-8" in message


def test_invalid_utf8_that_is_not_turkish_gets_no_cp1254_hint(tmp_path):
    path = write(tmp_path, "bozuk.txt", b"Kar\x80\x81 toplandi.")
    assert "cp1254" not in only_problem(path).message


def test_missing_path_is_a_problem(tmp_path):
    path = tmp_path / "yok.txt"
    assert only_problem(path) == Problem(str(path), "no such file or directory")


def test_file_named_with_an_unknown_suffix_is_a_problem_that_lists_known_suffixes(tmp_path):
    path = write(tmp_path, "tablo.xyz", MECLIS)
    assert only_problem(path).message == (
        "unsupported file type '.xyz' (use .txt, .md, .jsonl, .html, .htm)"
    )


def test_unreadable_file_is_a_problem_in_words(tmp_path, monkeypatch):
    # chmod cannot make a file unreadable for root (CI runs as root), so the OS refusal is simulated
    path = write(tmp_path, "gizli.txt", MECLIS)

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert only_problem(path).message == "permission denied"


def test_a_problem_does_not_stop_the_other_inputs(tmp_path):
    good = write(tmp_path, "meclis.txt", MECLIS)
    items = read(tmp_path / "yok.txt", good)
    assert [type(item) for item in items] == [Problem, Article]


# --- JSON lines -------------------------------------------------------------------------------


def test_jsonl_yields_one_article_per_line_with_its_fields(tmp_path):
    path = write(
        tmp_path,
        "haberler.jsonl",
        jsonl(
            {
                "id": "meclis-1",
                "url": "https://www.egehaber.com.tr/meclis",
                "date": "2025-12-01",
                "title": "Meclis toplandı",
                "outlet": "Ege Haber",
                "text": MECLIS,
            },
            {"id": "dernek-1", "text": DERNEK},
        ),
    )
    first, second = read(path)
    assert first == Article(
        id="meclis-1",
        text=MECLIS,
        url="https://www.egehaber.com.tr/meclis",
        date="2025-12-01",
        title="Meclis toplandı",
        outlet="Ege Haber",
        source=str(path),
        source_file="haberler.jsonl",
        line=1,
        metadata={},
    )
    assert (second.id, second.text, second.line) == ("dernek-1", DERNEK, 2)


def test_jsonl_id_is_derived_from_the_url_when_not_given(tmp_path):
    path = write(
        tmp_path,
        "haberler.jsonl",
        jsonl(
            {"url": "https://www.egehaber.com.tr/gundem/ödemiş-esnafı", "text": DERNEK},
        ),
    )
    article = only_article(path)
    assert article.id == "egehaber-com-tr-gundem-odemis-esnafi"
    assert article.outlet == "egehaber.com.tr"


def test_jsonl_id_falls_back_to_file_stem_and_line_number(tmp_path):
    path = write(tmp_path, "Ege Haberleri.jsonl", jsonl({"text": MECLIS}, {"text": DERNEK}))
    assert [a.id for a in read(path)] == ["ege-haberleri-1", "ege-haberleri-2"]


def test_jsonl_unknown_fields_are_kept_in_metadata(tmp_path):
    path = write(
        tmp_path,
        "haberler.jsonl",
        jsonl(
            {"id": "dernek-1", "text": DERNEK, "yazar": "Elif Kaya", "etiketler": ["esnaf", "kış"]},
        ),
    )
    assert only_article(path).metadata == {"yazar": "Elif Kaya", "etiketler": ["esnaf", "kış"]}


def test_malformed_jsonl_line_is_a_problem_naming_file_and_line_and_other_lines_are_read(
    tmp_path,
):
    path = write(
        tmp_path,
        "haberler.jsonl",
        jsonl({"id": "meclis-1", "text": MECLIS})
        + '{"id": "bozuk", "text": "kapanmayan\n'
        + jsonl({"id": "dernek-1", "text": DERNEK}),
    )
    first, problem, third = read(path)
    assert (first.id, third.id) == ("meclis-1", "dernek-1")
    assert problem.where == f"{path}:2"
    assert problem.message.startswith("not valid JSON: ")


def test_jsonl_line_that_is_not_an_object_is_a_problem(tmp_path):
    path = write(tmp_path, "haberler.jsonl", jsonl([MECLIS]))
    assert only_problem(path) == Problem(f"{path}:1", "not a JSON object (got array)")


def test_jsonl_line_without_text_is_a_problem(tmp_path):
    path = write(tmp_path, "haberler.jsonl", jsonl({"id": "meclis-1", "title": "Meclis"}))
    assert only_problem(path) == Problem(f"{path}:1", "missing field 'text'")


def test_jsonl_line_with_blank_text_is_a_problem(tmp_path):
    path = write(tmp_path, "haberler.jsonl", jsonl({"id": "meclis-1", "text": "  \n "}))
    assert only_problem(path).message == "field 'text' is empty"


def test_jsonl_field_of_the_wrong_type_is_a_problem(tmp_path):
    path = write(tmp_path, "haberler.jsonl", jsonl({"id": 17, "text": MECLIS}))
    assert only_problem(path).message == "field 'id' must be a string, not number"


def test_jsonl_blank_lines_are_skipped(tmp_path):
    path = write(tmp_path, "haberler.jsonl", "\n" + jsonl({"text": MECLIS}) + "   \n")
    assert only_article(path).id == "haberler-2"


def test_jsonl_invalid_utf8_is_a_problem_for_that_line_only(tmp_path):
    good = jsonl({"id": "meclis-1", "text": MECLIS}).encode()
    bad = '{"text": "Karşıyaka"}\n'.encode("cp1254")
    path = write(tmp_path, "haberler.jsonl", good + bad + good.replace(b"meclis-1", b"meclis-3"))
    first, problem, third = read(path)
    assert (first.id, third.id) == ("meclis-1", "meclis-3")
    offset = len(good) + len('{"text": "Kar')
    assert problem.where == f"{path}:2"
    assert problem.message.startswith(f"not valid UTF-8 (byte 0xfe at offset {offset})")
    assert "iconv -f cp1254 -t utf-8" in problem.message


def test_jsonl_lone_surrogate_is_a_problem_for_that_line_and_the_file_is_still_built(tmp_path):
    """JSON's \\ud800 escape writes a character no UTF-8 text holds; it once aborted a build."""
    good = jsonl({"id": "meclis-1", "text": MECLIS})
    lone = '{"id": "yarim", "text": "Kula \\ud800 Belediyesi", "etiket": ["a", "\\udfff"]}\n'
    path = write(tmp_path, "haberler.jsonl", good + lone + good.replace("meclis-1", "meclis-3"))
    first, problem, third = read(path)
    assert (first.id, third.id) == ("meclis-1", "meclis-3")
    assert problem == Problem(
        f"{path}:2",
        "field 'text' holds a lone UTF-16 surrogate (\\ud800) at character 5, "
        "which is not Unicode text",
    )
    report = KnowledgeGraph.build([path], out=tmp_path / "out", formats=(), html=False)
    assert report.articles == 2 and [p.where for p in report.problems] == [f"{path}:2"]
    only_metadata = path.with_name("etiket.jsonl")
    only_metadata.write_text('{"text": "Metin.", "etiket": ["\\udfff"]}\n', encoding="utf-8")
    assert "field 'etiket'" in only_problem(only_metadata).message


def test_empty_jsonl_is_a_problem_saying_it_holds_no_articles(tmp_path):
    path = write(tmp_path, "haberler.jsonl", "")
    assert only_problem(path) == Problem(str(path), "empty file (no articles in it)")


def test_jsonl_of_blank_lines_is_an_empty_file_problem(tmp_path):
    path = write(tmp_path, "haberler.jsonl", "\n  \n")
    assert only_problem(path) == Problem(str(path), "empty file (no articles in it)")


def test_jsonl_iso_datetime_keeps_only_the_date(tmp_path):
    record = {"text": MECLIS, "date": "2025-12-01T09:30:00+03:00"}
    path = write(tmp_path, "haberler.jsonl", jsonl(record))
    assert only_article(path).date == "2025-12-01"


def test_jsonl_unrecognised_date_is_kept_raw_in_metadata(tmp_path):
    path = write(tmp_path, "haberler.jsonl", jsonl({"text": MECLIS, "date": "1 Aralık 2025"}))
    article = only_article(path)
    assert article.date is None
    assert article.metadata == {"date_raw": "1 Aralık 2025"}


def test_jsonl_text_is_normalised_to_nfc(tmp_path):
    path = write(tmp_path, "haberler.jsonl", jsonl({"text": unicodedata.normalize("NFD", DERNEK)}))
    assert only_article(path).text == DERNEK


# --- directories and duplicates ---------------------------------------------------------------


def test_directory_is_read_recursively_in_sorted_order(tmp_path):
    write(tmp_path, "b.txt", MECLIS)
    write(tmp_path, "a/z.md", DERNEK)
    write(tmp_path, "a/c/y.txt", BELEDIYE)
    write(tmp_path, "c.jsonl", jsonl({"id": "c-1", "text": "Çiğli'de pazar yeri yenilendi."}))
    assert [a.id for a in read(tmp_path)] == ["y", "z", "b", "c-1"]


def test_directory_skips_hidden_entries_and_unknown_suffixes_silently(tmp_path):
    write(tmp_path, "meclis.txt", MECLIS)
    write(tmp_path, ".gizli.txt", DERNEK)
    write(tmp_path, ".git/notlar.txt", DERNEK)
    write(tmp_path, "tablo.csv", "ad,soyad\n")
    write(tmp_path, "README", "not")
    assert [item.id for item in read(tmp_path)] == ["meclis"]


def test_the_article_count_for_progress_is_what_reading_yields(tmp_path):
    folder = tmp_path / "in"
    write(folder, "meclis.txt", MECLIS)
    write(folder, "a/dernek.md", DERNEK)
    write(folder, ".gizli.txt", DERNEK)
    write(folder, "tablo.csv", "ad,soyad\n")
    lines = [{"id": "c-1", "text": BELEDIYE}, {"id": "c-2", "text": MECLIS}]
    write(folder, "c.jsonl", jsonl(*lines) + "\n  \n" + jsonl({"id": "c-3", "text": DERNEK}))
    single = write(tmp_path / "elsewhere", "tek.txt", BELEDIYE)
    inputs = [folder, single, tmp_path / "yok.txt"]
    assert count_articles(inputs) == len([a for a in read_inputs(inputs) if isinstance(a, Article)])
    assert count_articles(inputs) == 6


def test_directory_suffixes_are_matched_regardless_of_case(tmp_path):
    write(tmp_path, "MECLIS.TXT", MECLIS)
    assert only_article(tmp_path).text == MECLIS


def test_duplicate_article_id_is_read_once_and_the_first_wins(tmp_path):
    url = "url https://www.egehaber.com.tr/meclis\n"
    first = write(tmp_path, "a.txt", url + MECLIS)
    second = write(
        tmp_path,
        "b.jsonl",
        jsonl(
            {"url": "https://www.egehaber.com.tr/meclis", "text": MECLIS, "title": "Başka başlık"}
        ),
    )
    article = only_article(first, second, first)
    assert article.source == str(first)


def test_duplicate_article_id_with_different_text_is_reported_not_silently_dropped(tmp_path):
    write(tmp_path, "a/meclis.txt", MECLIS)
    second = write(tmp_path, "b/meclis.txt", DERNEK)
    article, problem = read(tmp_path)
    assert article.text == MECLIS
    assert problem.where == str(second)
    assert problem.message.startswith("duplicate article id 'meclis' with different text")


def test_registry_maps_each_suffix_to_a_reader():
    assert sorted(READERS) == [".htm", ".html", ".jsonl", ".md", ".txt"]
    assert READERS[".txt"] is READERS[".md"]
    assert READERS[".html"] is READERS[".htm"]


# --- HTML -------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="tr">
<head>
<meta charset="utf-8">
<title>Bornova'da yeni kütüphane açıldı | Ege Gündem</title>
<meta property="og:title" content="Bornova'da yeni kütüphane açıldı">
<meta property="og:site_name" content="Ege Gündem">
<link rel="canonical" href="https://www.egegundem.com.tr/bornova-kutuphane">
<meta property="article:published_time" content="2025-11-04T09:30:00+03:00">
</head>
<body>
<header><a href="/">Ege Gündem</a></header>
<nav><ul>
<li><a href="/">Ana Sayfa</a></li>
<li><a href="/spor">Spor Haberleri Menüsü</a></li>
<li><a href="/ekonomi">Ekonomi ve Borsa</a></li>
</ul></nav>
<article>
<h1>Bornova'da yeni kütüphane açıldı</h1>
<p>Bornova Belediyesi, Kazımdirik Mahallesi'nde yapımı tamamlanan halk kütüphanesini düzenlenen
törenle hizmete açtı. Törene mahalle sakinleri, öğrenciler ve dernek temsilcileri katıldı.</p>
<p>Belediye Başkanı Ayşe Yılmaz, kütüphanenin hafta sonları da akşam saatlerine kadar açık
kalacağını söyledi. Yılmaz, “Gençlerimizin kitapla buluşması için elimizden geleni yapacağız”
dedi.</p>
<p>Kütüphanede on iki bin kitap, bir çocuk okuma odası ve sınava hazırlanan gençler için sessiz
çalışma salonları bulunuyor. Ege Üniversitesi’nden gönüllü öğrenciler hafta sonları ücretsiz
etüt verecek.</p>
</article>
<footer><p>© 2024 Ege Gündem. Tüm hakları saklıdır. Künye ve iletişim bilgileri.</p></footer>
</body>
</html>
"""


def test_html_main_text_is_extracted_without_navigation_or_footer(tmp_path):
    text = only_article(write(tmp_path, "kutuphane.html", PAGE)).text
    assert "yapımı tamamlanan halk kütüphanesini düzenlenen" in " ".join(text.split())
    assert "Ege Üniversitesi’nden gönüllü öğrenciler" in text
    assert "Spor Haberleri Menüsü" not in text
    assert "Tüm hakları saklıdır" not in text


def test_html_metadata_fills_title_date_url_outlet_and_id(tmp_path):
    article = only_article(write(tmp_path, "kutuphane.htm", PAGE))
    assert article.title == "Bornova'da yeni kütüphane açıldı"
    assert article.date == "2025-11-04"
    assert article.url == "https://www.egegundem.com.tr/bornova-kutuphane"
    assert article.outlet == "Ege Gündem"
    assert article.id == "egegundem-com-tr-bornova-kutuphane"


def test_html_copyright_year_is_not_taken_for_the_publication_date(tmp_path):
    page = PAGE.replace('content="2025-11-04T09:30:00+03:00"', 'content=""')
    assert only_article(write(tmp_path, "kutuphane.html", page)).date is None


def test_html_without_article_text_is_a_problem(tmp_path):
    page = "<html><head><title>Ege Gündem</title></head><body></body></html>"
    path = write(tmp_path, "bos.html", page)
    assert only_problem(path) == Problem(str(path), "no article text found in HTML")


# --- ids --------------------------------------------------------------------------------------


def test_slug_transliterates_turkish_letters_to_ascii():
    assert slug("Çiğli Şehitler İlkokulu Öğrenci Ünitesi IĞDIR") == (
        "cigli-sehitler-ilkokulu-ogrenci-unitesi-igdir"
    )


def test_slug_collapses_punctuation_to_single_hyphens_and_trims():
    assert slug("  --MANİSA-FED’e  (ziyaret)!! ") == "manisa-fed-e-ziyaret"


def test_url_id_uses_host_without_scheme_or_www_and_the_path():
    assert article_id_from_url("https://www.aydinses.com/izmir-ve-manisa") == (
        "aydinses-com-izmir-ve-manisa"
    )


def test_url_id_reads_percent_encoded_turkish_letters():
    assert article_id_from_url("https://egehaber.com.tr/%C3%A7i%C4%9Fli-pazar") == (
        "egehaber-com-tr-cigli-pazar"
    )


def test_path_id_uses_the_file_stem_only():
    assert article_id_from_path(Path("arşiv/2025/Çiğli Pazarı.txt")) == "cigli-pazari"


def test_id_of_a_name_without_latin_letters_is_still_not_empty():
    assert article_id_from_path("Привет.txt").startswith("article-")


def test_outlet_is_the_url_host_without_www():
    assert outlet_from_url("http://www.gazete.com.tr/haber/1") == "gazete.com.tr"
