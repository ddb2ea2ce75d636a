"""A sentence too long to be one is read in windows: each a sentence of its own, together the whole,
and extraction time grows with the text's length, not its square."""

import gc
import time

import pytest

from benchmarks.long_articles import names_in_one_sentence
from kg.extract.pipeline import extract
from kg.extract.windows import MAX_SENTENCE_TOKENS, sentence_windows
from kg.lang.tr.text import Sentence, tokenize
from kg.model import Article

CLAUSE = "Kula Belediyesi, Gediz Derneği'ni ziyaret etti, "


def windows_of(text: str, size: int = MAX_SENTENCE_TOKENS, offset: int = 0):
    sentence = Sentence(text, offset, offset + len(text))
    return list(sentence_windows(sentence, tokenize(text, offset), size))


def test_a_sentence_within_the_limit_is_read_whole():
    text = CLAUSE * 10
    [(window, tokens)] = windows_of(text)
    assert window.text == text and tokens == tokenize(text)


def test_the_windows_of_a_long_sentence_hold_its_tokens_in_order_each_within_the_limit():
    text = "Önce " + CLAUSE * 200
    article = "Başlık. " + text
    windows = windows_of(text, offset=len("Başlık. "))
    assert len(windows) > 1
    assert all(len(tokens) <= MAX_SENTENCE_TOKENS for _, tokens in windows)
    assert [t for _, tokens in windows for t in tokens] == tokenize(text, len("Başlık. "))
    for window, tokens in windows:
        assert article[window.start : window.end] == window.text
        assert (window.start, window.end) == (tokens[0].start, tokens[-1].end)


def test_a_window_ends_after_the_last_punctuation_mark_of_its_second_half():
    text = "Kula Belediyesi Başkanı Ali Er, Gediz Derneği ile Bornova Belediyesi Buca Konak"
    windows = [window.text for window, _ in windows_of(text, size=8)]
    assert windows == [
        "Kula Belediyesi Başkanı Ali Er,",
        "Gediz Derneği ile Bornova Belediyesi Buca Konak",
    ]


def test_a_window_with_no_punctuation_in_its_second_half_is_cut_at_the_limit():
    text = " ".join(["Kula Belediyesi"] * 10)
    assert [len(tokens) for _, tokens in windows_of(text, size=6)] == [6, 6, 6, 2]


def test_facts_of_a_sentence_too_long_to_be_one_are_read_with_their_evidence():
    text = CLAUSE * (MAX_SENTENCE_TOKENS // 4)  # some 10 windows' worth, with no full stop
    extraction = extract(Article("t", text))
    visits = [f for f in extraction.facts if f.p == "visited"]
    assert [(f.s, f.o) for f in visits] == [("Kula Belediyesi", "Gediz Derneği")]
    assert all(text[f.start : f.end] == f.evidence for f in extraction.facts)


def cpu_seconds(text: str, runs: int = 3) -> float:
    """The least CPU time of ``runs`` extractions, the garbage collector off while they run: its
    passes walk every object the test process holds, which depends on the tests run before."""
    times = []
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            started = time.thread_time()
            extract(Article("t", text))
            times.append(time.thread_time() - started)
        finally:
            gc.enable()
    return min(times)


@pytest.mark.slow  # about two seconds of extraction
def test_extraction_time_of_one_long_sentence_grows_linearly_with_its_length():
    # one sentence of names, 30 and 120 KB: 4 times longer takes 4 times as long when linear, 16
    # times when every name is compared with every other (13-14 before sentences had windows)
    short, long = names_in_one_sentence(30_000), names_in_one_sentence(120_000)
    extract(Article("warm", short))
    assert cpu_seconds(long) / cpu_seconds(short) < 8
