"""An article's name groups (one per type and folded name) and the rules that merge them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from kg.lang.tr import turkish
from kg.lang.tr.text import fold, is_all_caps
from kg.model import ORGANIZATION, PERSON, PLACE

# When one name is read as two types in an article ("Saadet Parti" as a person and a party), the
# type read more often wins, then the one whose evidence is strongest: a head noun, then a name.
TYPE_PRECEDENCE = (ORGANIZATION, PERSON, PLACE)


@dataclass
class Group:
    type: str
    subtype: str | None
    names: list[str] = field(default_factory=list)  # canonical candidates, in order of appearance
    aliases: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        # the first form with the fewest words shouted in capitals ("Manisa Büyükşehir ..."
        # over "MANİSA Büyükşehir ..."; an acronym written in every form counts the same)
        first = self.names[0]
        if len(self.names) == 1:
            return first
        return min(self.names, key=_shouted_words)


def _shouted_words(name: str) -> int:
    return sum(1 for word in name.split(" ") if is_all_caps(word))


def merge_inflected_names(
    groups: dict[tuple[str, str], Group],
) -> dict[tuple[str, str], tuple[str, str]]:
    """A person's name written once with a case ending and no apostrophe ("Ali Kayayı", "Ali
    Kaya'yı" elsewhere) is the same person: the plain name takes the inflected one in."""
    people = {key[1] for key in groups if key[0] == PERSON and " " in key[1]}
    merged: dict[tuple[str, str], tuple[str, str]] = {}
    if len(people) < 2:
        return merged
    suffixes = turkish().suffixes
    for key in [k for k in groups if k[0] == PERSON and " " in k[1]]:
        for cut in range(1, 4):
            plain = key[1][:-cut]
            if plain in people and plain[-1] != " " and key[1][-cut:] in suffixes:
                target = (PERSON, plain)
                while target in merged:  # the plain name was itself taken in by a shorter one
                    target = merged[target]
                groups[target].names.extend(groups[key].names)
                groups[target].aliases.extend(groups[key].aliases)
                merged[key] = target
                del groups[key]
                break
    return merged


def _compound_key(name: str) -> str:
    """An organisation's name with hyphens as spaces and the possessive of its inner plural
    words dropped: a compound written both ways ("Esnaf ve Sanatkarlar Odaları Birliği", "...
    Odalar Birliği"; "Eğitim Bir-Sen", "Eğitim-Bir-Sen") is one."""
    name = name.replace("-", " ")  # "Eğitim Bir-Sen", "Eğitim-Bir-Sen": one union
    endings = turkish().plural_possessives
    if not any(ending + " " in name for ending in endings):  # most names: nothing to drop
        return name
    words = name.split(" ")
    return " ".join(
        w[:-1] if k < len(words) - 1 and w.endswith(endings) else w for k, w in enumerate(words)
    )


def merge_compound_variants(
    groups: dict[tuple[str, str], Group],
) -> dict[tuple[str, str], tuple[str, str]]:
    """Organisations whose names differ only in an inner plural's possessive are one: the form
    named first takes the other in."""
    first: dict[str, tuple[str, str]] = {}
    merged: dict[tuple[str, str], tuple[str, str]] = {}
    for key in [k for k in groups if k[0] == ORGANIZATION]:
        variant = _compound_key(key[1])
        target = first.setdefault(variant, key)
        if target != key:
            groups[target].names.extend(groups[key].names)
            groups[target].aliases.extend([*groups[key].names, *groups[key].aliases])
            merged[key] = target
            del groups[key]
    return merged


def merge_given_names(
    groups: dict[tuple[str, str], Group],
) -> dict[tuple[str, str], tuple[str, str]]:
    """A person addressed by the given name alone ("Ahmet Bey") is the article's one person
    named in full with that given name."""
    merged: dict[tuple[str, str], tuple[str, str]] = {}
    alone = [k for k in groups if k[0] == PERSON and " " not in k[1]]
    if not alone:
        return merged
    by_given: dict[str, list[tuple[str, str]]] = {}
    for key in groups:
        if key[0] == PERSON and " " in key[1]:
            by_given.setdefault(key[1].split(" ", 1)[0], []).append(key)
    for key in alone:
        matches = by_given.get(key[1], ())
        if len(matches) == 1:
            groups[matches[0]].aliases.extend(groups[key].aliases)
            merged[key] = matches[0]
            del groups[key]
    return merged


def merge_shorter_names(
    groups: dict[tuple[str, str], Group],
) -> dict[tuple[str, str], tuple[str, str]]:
    """A person's name written shorter, without a second given name or the first one ("Mehmet
    Ali Bey", "Başkan Ali Kaya" for "Mehmet Ali Kaya"), is the article's one longer name that
    opens or ends with it."""
    people = [k for k in groups if k[0] == PERSON and " " in k[1]]
    merged: dict[tuple[str, str], tuple[str, str]] = {}
    if len(people) < 2:
        return merged
    # each name under the names it opens or ends with, so that a name finds its longer forms
    # without comparing every pair of the article's people
    longer_forms: dict[str, dict[tuple[str, str], None]] = {}
    for k in people:
        name = k[1]
        for at, char in enumerate(name):
            if char == " ":
                longer_forms.setdefault(name[:at], {})[k] = None
                longer_forms.setdefault(name[at + 1 :], {})[k] = None
    for key in people:
        longer = [k for k in longer_forms.get(key[1], ()) if k != key and k not in merged]
        if len(longer) == 1:
            groups[longer[0]].aliases.extend(groups[key].aliases)
            groups[longer[0]].aliases.append(groups[key].name)
            merged[key] = longer[0]
    for key in merged:
        del groups[key]
    return merged


def merge_one_name_of_two_types(
    groups: dict[tuple[str, str], Group],
) -> dict[tuple[str, str], tuple[str, str]]:
    """One name is one entity: groups of the same name read as different types become one."""
    by_name: dict[str, list[tuple[str, str]]] = {}
    for key in groups:
        by_name.setdefault(key[1], []).append(key)
    merged = {}
    for keys in by_name.values():
        if len(keys) < 2:
            continue
        winner = max(
            keys, key=lambda k: (len(groups[k].names), -TYPE_PRECEDENCE.index(groups[k].type))
        )
        for key in keys:
            if key != winner:
                groups[winner].names.extend(groups[key].names)
                groups[winner].aliases.extend(groups[key].aliases)
                merged[key] = winner
                del groups[key]
    return merged


@dataclass
class OrgIndex:
    """An article's organisation names indexed for the lookups resolution makes of them, so that
    a name finds the longer names it may stand for without comparing every pair of bodies. It
    may hold bodies merged away since it was made: lookups keep those still in the groups."""

    # every organisation name under each of its shorter endings ("kent konseyi" -> [...])
    endings: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # the words of each name as _compound_key writes it
    compound_words: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    # each name under (its last word, each other word of it), its compound key's words
    by_head_and_word: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)


def org_index(groups: dict[tuple[str, str], Group]) -> OrgIndex:
    """The index of the organisations among ``groups``."""
    index = OrgIndex()
    for key in groups:
        if key[0] == ORGANIZATION:
            words = key[1].split(" ")
            for i in range(1, len(words)):
                index.endings.setdefault(" ".join(words[i:]), []).append(key)
            compound = index.compound_words[key] = _compound_key(key[1]).split(" ")
            for word in dict.fromkeys(compound[:-1]):
                index.by_head_and_word.setdefault((compound[-1], word), []).append(key)
    return index


def longer_org_name(
    key: str, groups: dict[tuple[str, str], Group], index: OrgIndex
) -> tuple[str, str] | None:
    """The one organisation whose name ends with ``key`` ("Kent Konseyi" -> "Bornova Kent Konseyi")."""
    matches = [k for k in index.endings.get(key, ()) if k in groups]
    return matches[0] if len(matches) == 1 else None


def org_name_within(
    key: tuple[str, str], groups: dict[tuple[str, str], Group], index: OrgIndex
) -> tuple[str, str] | None:
    """The one organisation whose name holds every word of ``key`` in order and ends with the
    same head ("Muhtarlar Federasyonu" in a headline for "İzmir Muhtarlar Dernekleri
    Federasyonu")."""
    words = _compound_key(key[1]).split(" ")
    if len(words) < 2:
        return None
    matches = []
    # a name holding the words in order holds the first before its head, which it ends with
    for other in index.by_head_and_word.get((words[-1], words[0]), ()):
        if other == key or other not in groups:
            continue
        longer = index.compound_words[other]
        if len(longer) <= len(words):
            continue
        if longer[0] == words[0] and len(words) > 2:
            continue  # "Adana Muhtarlar Derneği" beside "Adana Çukurova ...": two bodies
        rest = iter(longer[:-1])
        if all(word in rest for word in words[:-1]):  # in order: ``in`` consumes the iterator
            matches.append(other)
    return matches[0] if len(matches) == 1 else None


def merge_short_org_names(
    groups: dict[tuple[str, str], Group], index: OrgIndex
) -> dict[tuple[str, str], tuple[str, str]]:
    """Fold an organisation written without its place into the article's one fuller name for it."""
    merged = {}
    for key, group in list(groups.items()):
        if group.type != ORGANIZATION:
            continue
        target = longer_org_name(key[1], groups, index) or org_name_within(key, groups, index)
        if target is not None and target not in merged:
            groups[target].subtype = groups[target].subtype or group.subtype
            merged[key] = target
    for key in merged:
        del groups[key]
    return merged


@lru_cache(maxsize=4)
def longest_generic(generic: frozenset[str]) -> int:
    """The most words a generic organisation name has."""
    return max((len(name.split(" ")) for name in generic), default=0)


def _generic_opening(name: str, generic: frozenset[str]) -> str | None:
    """The longest generic body name ``name`` opens with, followed by more words ("kent konseyi"
    in "kent konseyi kadın meclisi"), if any: its openings no longer than the longest generic
    name looked up, not every generic name tried."""
    words = name.split(" ")
    for n in range(min(len(words) - 1, longest_generic(generic)), 0, -1):
        opening = " ".join(words[:n])
        if opening in generic:
            return opening
    return None


def complete_sub_bodies(
    groups: dict[tuple[str, str], Group],
    generic: frozenset[str],
    sub_body_parents: Mapping[str, str],
    completions: dict[tuple[str, str], tuple[str, str]],
) -> dict[tuple[str, str], tuple[str, str]]:
    """Guideline rule 24: a sub-body written without its parent's place ("Kent Konseyi Kadın
    Meclisi" in an article about Kula Kent Konseyi), or alone where only one kind of body has
    it ("Gençlik Meclisi": a city council's), takes the parent's full name, the written form as
    alias, when the article names one such parent."""
    merged: dict[tuple[str, str], tuple[str, str]] = {}
    orgs = [k for k in groups if k[0] == ORGANIZATION]
    for key in orgs:
        if key not in groups:
            continue
        opening = _generic_opening(key[1], generic)
        if opening is not None:
            parents = [
                k
                for k in orgs
                if k != key and k in groups and k[1].endswith(" " + opening) and k[1] != opening
            ]
            drop = len(opening.split(" "))
        elif key[1] in sub_body_parents:
            kind = sub_body_parents[key[1]]
            parents = [k for k in orgs if k != key and k in groups and groups[k].subtype == kind]
            drop = 0
        else:
            continue
        if len(parents) != 1:
            continue
        group = groups[key]
        written = group.name
        rest = written.split(" ")[drop:]
        name = " ".join([groups[parents[0]].name, *rest])
        target = (ORGANIZATION, fold(name))
        if target in groups:
            groups[target].names.extend(group.names)
            groups[target].aliases.extend([written, *group.aliases])
        else:
            groups[target] = Group(ORGANIZATION, group.subtype, [name], [written, *group.aliases])
        merged[key] = target
        completions[target] = parents[0]
        del groups[key]
    return merged
