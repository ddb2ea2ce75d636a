"""In-article entity resolution: every mention of one thing gets one canonical name and its aliases."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.extract.name_groups import (
    Group,
    OrgIndex,
    complete_sub_bodies,
    longer_org_name,
    longest_generic,
    merge_compound_variants,
    merge_given_names,
    merge_inflected_names,
    merge_one_name_of_two_types,
    merge_short_org_names,
    merge_shorter_names,
    org_index,
    org_name_within,
)
from kg.lang.tr import Turkish
from kg.lang.tr.text import fold, is_all_caps
from kg.model import ORGANIZATION, PERSON, PLACE, Entity, Mention


@dataclass(frozen=True)
class Resolution:
    """The article's entities, and the entity name each mention refers to (None: unresolved)."""

    entities: tuple[Entity, ...]
    names: dict[Mention, str]
    by_mention_name: dict[str, str] = field(default_factory=dict)  # fold(mention name) -> entity
    # (sub-body, parent) of sub-bodies completed with their parent's name (rule 24)
    parts: tuple[tuple[str, str], ...] = ()

    def name_of(self, mention: Mention) -> str | None:
        return self.names.get(mention)

    def canonical(self, name: str) -> str | None:
        """The entity a name written by some mention of the article refers to, if any."""
        return self.by_mention_name.get(fold(name))


def resolve(  # noqa: C901, PLR0912, PLR0915
    mentions: Iterable[Mention], lang: Turkish
) -> Resolution:
    """Group an article's mentions into entities.

    Full names group by their folded form; acronyms in parentheses become aliases; a bare surname
    or an acronym resolves only to a fuller mention in the same article; a common-noun reference
    ("federasyon yetkilileri") resolves to the one organisation whose name ends with that head;
    an organisation named by a generic head alone ("Kent Konseyi"), or by one after generic
    modifiers only ("Kardeş Kent Konseyi"), that no fuller name in the article takes
    in is dropped. A person's name written shorter ("Ali Kaya" for "Mehmet
    Ali Kaya", "Ahmet Bey"), or with a case ending and no apostrophe, is that person; so is a
    place or an acronym that is the surname of the article's one person of that surname
    ("Aydın", "SOYER"); a bare surname two people share is the one named last before it.
    """
    mentions = list(mentions)
    groups: dict[tuple[str, str], Group] = {}
    names: dict[Mention, str] = {}
    key_of: dict[Mention, tuple[str, str]] = {}
    acronyms: dict[str, tuple[str, str]] = {}
    key: tuple[str, str] | None
    for m in mentions:
        if m.tentative or m.reference:
            continue
        key = (m.type, fold(m.name))
        group = groups.get(key)
        if group is None:
            group = groups[key] = Group(m.type, m.subtype)
        group.names.append(m.name)
        group.subtype = group.subtype or m.subtype
        key_of[m] = key
        if not m.attributive:
            group.aliases.append(_surface(m))
        if m.acronym:
            group.aliases.append(m.acronym)
            acronyms.setdefault(fold(m.acronym), key)
    merged = merge_one_name_of_two_types(groups)
    merged |= merge_inflected_names(groups)
    merged |= merge_compound_variants(groups)
    merged |= merge_given_names(groups)
    merged |= merge_shorter_names(groups)
    orgs = org_index(groups)
    merged |= merge_short_org_names(groups, orgs)
    completions: dict[tuple[str, str], tuple[str, str]] = {}  # sub-body -> its parent
    generic = lang.generic_org_names
    completed = complete_sub_bodies(groups, generic, lang.sub_body_parents, completions)
    if completed:
        merged |= completed
        orgs = org_index(groups)
    for key in [k for k in groups if k[0] == ORGANIZATION and acronyms.get(k[1], k) != k]:
        merged[key] = acronyms[key[1]]  # "TBB" written alone, defined elsewhere in the article
        del groups[key]
    if merged:
        key_of = {m: _followed(merged, k) for m, k in key_of.items()}
        acronyms = {a: _followed(merged, k) for a, k in acronyms.items()}
    for key in [
        k
        for k, g in groups.items()
        if g.type == ORGANIZATION and _names_no_one(k[1], generic, lang.generic_modifiers)
    ]:
        del groups[key]  # "Kent Konseyi" with no fuller name in the article names no one
    key_of = {m: k for m, k in key_of.items() if k in groups}
    acronyms = {a: k for a, k in acronyms.items() if k in groups}
    surnames = _people_by_surname(groups)
    named_at: _NamedAt | None = None  # made when a bare surname two people share is met
    for m in mentions:
        key = None
        if surnames and (m.type == PLACE or (m.type == ORGANIZATION and m.name.isupper())):
            key = _surname_of_a_person(m, surnames)
        key = key or key_of.get(m) or _resolve_partial(m, groups, acronyms, orgs, surnames)
        if key is None and m.type == PERSON and m.tentative:
            surname = fold(m.name)
            if len(surnames.get(surname, ())) > 1:  # the one named last before it
                named_at = named_at or _NamedAt(key_of, surnames)
                key = named_at.last_before(surname, m.start)
        if key is None:
            continue
        if named_at is not None:
            named_at.move(m.start, key_of.get(m), key)
        key_of[m] = key
        if key[0] == PERSON and (m.tentative or m.type != PERSON):
            groups[key].aliases.append(_surface(m))
    named = set(key_of.values())
    for key in [k for k in groups if k[0] != PERSON and k not in named]:
        del groups[key]  # every mention of it named a person
    final = {key: group.name for key, group in groups.items()}
    counts: dict[tuple[str, str], int] = {}
    for m, key in key_of.items():
        names[m] = final[key]
        counts[key] = counts.get(key, 0) + 1
    entities = []
    for key, group in groups.items():
        aliases = dict.fromkeys(group.aliases)
        aliases.pop(final[key], None)
        entities.append(
            Entity(final[key], group.type, group.subtype, tuple(aliases), counts.get(key, 1))
        )
    by_mention_name = {fold(m.name): name for m, name in names.items()}
    parts = tuple(
        (final[_followed(merged, key)], final[parent])
        for key, parent in completions.items()
        if _followed(merged, key) in final and parent in final
    )
    return Resolution(tuple(entities), names, by_mention_name, parts)


Surnames = dict[str, list[tuple[str, str]]]


def _surname_of_a_person(m: Mention, surnames: Surnames) -> tuple[str, str] | None:
    """A place or an acronym named like the surname of the article's one person of that surname,
    not read as where something is: "Ziyarette konuşan Aydın" after "Başkan Tolga Aydın",
    "SOYER" after "Tunç Soyer"."""
    if m.attributive or m.case == "loc" or m.reference or m.acronym:
        return None
    if m.type == ORGANIZATION and not (is_all_caps(m.name) and " " not in m.name):
        return None  # "SOYER" read as an acronym is the surname; a named body is not
    matches = surnames.get(fold(m.name), ())
    return matches[0] if len(matches) == 1 else None


def _followed(merged: dict[tuple[str, str], tuple[str, str]], key: tuple[str, str]):
    """Where a merged group went in the end: merges chain ("TBB" -> its long form -> ...)."""
    seen = {key}
    while key in merged and merged[key] not in seen:
        key = merged[key]
        seen.add(key)
    return key


def _people_by_surname(groups: dict[tuple[str, str], Group]) -> Surnames:
    """Every person named in full under the last word of the name, in order of appearance."""
    surnames: Surnames = {}
    for key, group in groups.items():
        if group.type == PERSON and " " in key[1]:
            surnames.setdefault(key[1].rsplit(" ", 1)[1], []).append(key)
    return surnames


def _surface(m: Mention) -> str:
    """The mention as written, without its case suffix ("Kula'ya", "Yeşil Mahallesinde")."""
    text = m.text
    cut = text.rfind("'")
    if cut > 0 and " " not in text[cut:]:
        return text[:cut]
    if len(text) > len(m.name) and fold(text).startswith(fold(m.name)):
        rest = text[len(m.name) :]
        if " " not in rest:  # a case ending written on without an apostrophe
            return text[: len(m.name)]
    return text


class _NamedAt:
    """Where the article names each person of a surname two people share (their mentions'
    starts, in order), kept up to date as mentions are resolved: the one named last before a
    bare "Yılmaz'a" is then a binary search, not a scan of every mention."""

    def __init__(self, key_of: dict[Mention, tuple[str, str]], surnames: Surnames) -> None:
        self.surname = {key: surname for surname, keys in surnames.items() for key in keys}
        self.named: dict[str, list[tuple[int, tuple[str, str]]]] = {}  # surname -> (start, key)
        for m, key in key_of.items():
            if key in self.surname:
                self.named.setdefault(self.surname[key], []).append((m.start, key))
        for named in self.named.values():
            named.sort()

    def move(self, start: int, old: tuple[str, str] | None, new: tuple[str, str]) -> None:
        """A mention at ``start`` now names ``new`` (``old`` before, if anything)."""
        if old == new:
            return
        if old in self.surname:
            named = self.named[self.surname[old]]
            del named[bisect_left(named, (start, old))]
        if new in self.surname:
            insort(self.named.setdefault(self.surname[new], []), (start, new))

    def last_before(self, surname: str, start: int) -> tuple[str, str] | None:
        """The person of ``surname`` named last before ``start`` (of two named at one place, the
        greater key, as ``max`` orders them)."""
        named = self.named.get(surname, [])
        k = bisect_left(named, (start,))
        return named[k - 1][1] if k else None


def _resolve_partial(
    m: Mention,
    groups: dict[tuple[str, str], Group],
    acronyms: dict[str, tuple[str, str]],
    orgs: OrgIndex,
    surnames: Surnames,
) -> tuple[str, str] | None:
    key = fold(m.name)
    if m.reference:
        matches = [k for k in orgs.endings.get(key, ()) if k in groups]
        if (ORGANIZATION, key) in groups:
            matches.append((ORGANIZATION, key))
        return matches[0] if len(matches) == 1 else None
    if m.type == ORGANIZATION:
        if (ORGANIZATION, key) in groups:  # a heading in capitals naming a body in full
            return (ORGANIZATION, key)
        return (
            acronyms.get(key)
            or longer_org_name(key, groups, orgs)
            or org_name_within((ORGANIZATION, key), groups, orgs)
        )
    if m.type == PERSON:
        people = surnames.get(key, ())
        return people[0] if len(people) == 1 else None
    return None


def _names_no_one(name: str, generic: frozenset[str], modifiers: frozenset[str]) -> bool:
    """Whether a folded organisation name is a generic head, alone or after words that pick out
    no body ("kent konseyi", "kardeş kent konseyi", "diğer belediyeler")."""
    if name in generic:
        return True
    words = name.split()
    modified = 0  # how many words open the name that are all modifiers
    while modified < len(words) - 1 and words[modified] in modifiers:
        modified += 1
    # only an ending no longer than the longest generic name can be one: a long name is not
    # joined again for each of its words
    longest = longest_generic(generic)
    return any(
        " ".join(words[k:]) in generic for k in range(max(1, len(words) - longest), modified + 1)
    )
