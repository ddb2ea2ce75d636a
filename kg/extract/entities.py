"""Sentence stages: each run of capitalised words read, title by title, into mentions and roles."""

from __future__ import annotations

from dataclasses import replace

from kg.extract.parts import read_part, read_person
from kg.extract.reading import Role, SentenceReading
from kg.extract.roles import listed_after, split_at_titles, title_sub_body
from kg.extract.runs import (
    drop_sentence_opener,
    joined_name_pieces,
    name_runs,
    outside_quoted_titles,
    split_after_member_adjectives,
    without_event_opener,
)
from kg.extract.special_parts import read_special_part
from kg.extract.title_orgs import read_title_org
from kg.lang.tr import Turkish


def read_names(reading: SentenceReading) -> None:
    """Sentence stage: runs of capitalised words read as organisations, people, places and the
    titles between them (roles are completed by a later stage)."""
    lang, text = reading.lang, reading.sentence.text
    used = reading.byline_tokens
    if text[1:].islower() and not used:  # no capital after the first letter: one run at most
        runs = [[0]] if reading.tokens and reading.tokens[0].base[:1].isupper() else []
    else:
        runs = joined_name_pieces(name_runs(reading.tokens, used, lang), reading.tokens, lang)
        runs = split_after_member_adjectives(runs, reading.tokens, lang)
        runs = outside_quoted_titles(runs, reading.tokens, lang)
    roles = reading.roles
    for run in runs:
        listed = listed_after(reading, roles, run)
        if listed is not None:
            _read_listed_person(reading, listed, run)
            continue
        roles.extend(_read_run(reading, run, lang))


def _read_run(reading: SentenceReading, run: list[int], lang: Turkish) -> list[Role]:
    """Split a run at its titles and read each part into mentions and roles."""
    tokens = reading.tokens
    run = without_event_opener(drop_sentence_opener(run, tokens, lang), tokens, lang)
    roles = []
    for before, title, title_words, after in split_at_titles(run, tokens, lang):
        if not title:
            if len(before) < 2 or not read_special_part(reading, before, lang):
                read_part(reading, before, lang)
            continue
        if before and tokens[before[-1]].key in lang.former_words:  # "Kurucu Başkanı": a past role
            before, title = before[:-1], replace(title, relation=None)
        org, member_only = read_title_org(reading, before, title, title_words, lang)
        if member_only and title.relation == "headOf":
            title = replace(title, relation="memberOf")
        sub_body = title_sub_body(reading, org, [*before, title_words[0]], title)
        person = read_person(reading, after, lang, titled=True) if after else None
        first = (before or title_words)[0]
        end = (after or title_words)[-1] + 1
        qualified = org is None and bool(before)
        if sub_body is None:
            roles.append(Role(title, org, person, first, end, qualified=qualified))
        else:
            roles.append(Role(title, sub_body, person, first, end, body=org))
    return roles


def _read_listed_person(reading: SentenceReading, role: Role, run: list[int]) -> None:
    person = read_person(reading, run, reading.lang, titled=True)
    if person is not None:
        role.listed.append(person)
        role.end = run[-1] + 1


def sort_mentions(reading: SentenceReading) -> None:
    """Sentence stage: mentions in text order (an outer name before the names inside it)."""
    reading.mentions.sort(key=lambda m: (m.start, -m.end))
