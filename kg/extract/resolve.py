"""In-article entity resolution: every mention of one thing gets one canonical name and its aliases."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kg.lang.tr import turkish
from kg.lang.tr.text import fold, is_all_caps
from kg.model import ORGANIZATION, PERSON, PLACE, Entity, Mention

# When one name is read as two types in an article ("Saadet Parti" as a person and a party), the
# type read more often wins, then the one whose evidence is strongest: a head noun, then a name.
TYPE_PRECEDENCE = (ORGANIZATION, PERSON, PLACE)


@dataclass
class _Group:
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
    mentions: Iterable[Mention],
    *,
    generic: frozenset[str] = frozenset(),
    sub_body_parents: Mapping[str, str] | None = None,
) -> Resolution:
    """Group an article's mentions into entities.

    Full names group by their folded form; acronyms in parentheses become aliases; a bare surname
    or an acronym resolves only to a fuller mention in the same article; a common-noun reference
    ("federasyon yetkilileri") resolves to the one organisation whose name ends with that head;
    an organisation named by a ``generic`` head alone ("Kent Konseyi") that no fuller name in
    the article takes in is dropped. A person's name written shorter ("Ali Kaya" for "Mehmet
    Ali Kaya", "Ahmet Bey"), or with a case ending and no apostrophe, is that person; so is a
    place or an acronym that is the surname of the article's one person of that surname
    ("Aydın", "SOYER"); a bare surname two people share is the one named last before it.
    """
    mentions = list(mentions)
    groups: dict[tuple[str, str], _Group] = {}
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
            group = groups[key] = _Group(m.type, m.subtype)
        group.names.append(m.name)
        group.subtype = group.subtype or m.subtype
        key_of[m] = key
        if not m.attributive:
            group.aliases.append(_surface(m))
        if m.acronym:
            group.aliases.append(m.acronym)
            acronyms.setdefault(fold(m.acronym), key)
    merged = _merge_one_name_of_two_types(groups)
    merged |= _merge_inflected_names(groups)
    merged |= _merge_compound_variants(groups)
    merged |= _merge_given_names(groups)
    merged |= _merge_shorter_names(groups)
    tails = _org_tails(groups)
    merged |= _merge_short_org_names(groups, tails)
    completions: dict[tuple[str, str], tuple[str, str]] = {}  # sub-body -> its parent
    completed = _complete_sub_bodies(groups, generic, sub_body_parents or {}, completions)
    if completed:
        merged |= completed
        tails = _org_tails(groups)
    for key in [k for k in groups if k[0] == ORGANIZATION and acronyms.get(k[1], k) != k]:
        merged[key] = acronyms[key[1]]  # "TBB" written alone, defined elsewhere in the article
        del groups[key]
    if merged:
        key_of = {m: _followed(merged, k) for m, k in key_of.items()}
        acronyms = {a: _followed(merged, k) for a, k in acronyms.items()}
    for key in [k for k, g in groups.items() if g.type == ORGANIZATION and k[1] in generic]:
        del groups[key]  # "Kent Konseyi" with no fuller name in the article names no one
    key_of = {m: k for m, k in key_of.items() if k in groups}
    acronyms = {a: k for a, k in acronyms.items() if k in groups}
    surnames = _people_by_surname(groups)
    for m in mentions:
        key = None
        if surnames and (m.type == PLACE or (m.type == ORGANIZATION and m.name.isupper())):
            key = _surname_of_a_person(m, surnames)
        key = key or key_of.get(m) or _resolve_partial(m, groups, acronyms, tails, surnames)
        if key is None and m.type == PERSON and m.tentative:
            key = _last_named_before(m, surnames.get(fold(m.name), ()), key_of)
        if key is None:
            continue
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


Tails = dict[str, list[tuple[str, str]]]
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


def _merge_inflected_names(
    groups: dict[tuple[str, str], _Group],
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


def _merge_compound_variants(
    groups: dict[tuple[str, str], _Group],
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


def _merge_given_names(
    groups: dict[tuple[str, str], _Group],
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


def _merge_shorter_names(
    groups: dict[tuple[str, str], _Group],
) -> dict[tuple[str, str], tuple[str, str]]:
    """A person's name written shorter, without a second given name or the first one ("Mehmet
    Ali Bey", "Başkan Ali Kaya" for "Mehmet Ali Kaya"), is the article's one longer name that
    opens or ends with it."""
    people = [k for k in groups if k[0] == PERSON and " " in k[1]]
    merged: dict[tuple[str, str], tuple[str, str]] = {}
    if len(people) < 2:
        return merged
    for key in people:
        name = key[1]
        longer = [
            k
            for k in people
            if k != key
            and k not in merged
            and (k[1].startswith(name + " ") or k[1].endswith(" " + name))
        ]
        if len(longer) == 1:
            groups[longer[0]].aliases.extend(groups[key].aliases)
            groups[longer[0]].aliases.append(groups[key].name)
            merged[key] = longer[0]
    for key in merged:
        del groups[key]
    return merged


def _followed(merged: dict[tuple[str, str], tuple[str, str]], key: tuple[str, str]):
    """Where a merged group went in the end: merges chain ("TBB" -> its long form -> ...)."""
    seen = {key}
    while key in merged and merged[key] not in seen:
        key = merged[key]
        seen.add(key)
    return key


def _merge_one_name_of_two_types(
    groups: dict[tuple[str, str], _Group],
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


def _org_tails(groups: dict[tuple[str, str], _Group]) -> Tails:
    """Every organisation name under each of its shorter endings ("kent konseyi" -> [...])."""
    tails: Tails = {}
    for key in groups:
        if key[0] == ORGANIZATION:
            words = key[1].split(" ")
            for i in range(1, len(words)):
                tails.setdefault(" ".join(words[i:]), []).append(key)
    return tails


def _longer_org_name(
    key: str, groups: dict[tuple[str, str], _Group], tails: Tails
) -> tuple[str, str] | None:
    """The one organisation whose name ends with ``key`` ("Kent Konseyi" -> "Bornova Kent Konseyi")."""
    matches = [k for k in tails.get(key, ()) if k in groups]
    return matches[0] if len(matches) == 1 else None


def _org_name_within(
    key: tuple[str, str], groups: dict[tuple[str, str], _Group]
) -> tuple[str, str] | None:
    """The one organisation whose name holds every word of ``key`` in order and ends with the
    same head ("Muhtarlar Federasyonu" in a headline for "İzmir Muhtarlar Dernekleri
    Federasyonu")."""
    words = _compound_key(key[1]).split(" ")
    if len(words) < 2:
        return None
    matches = []
    for other in groups:
        if other == key or other[0] != ORGANIZATION:
            continue
        longer = _compound_key(other[1]).split(" ")
        if len(longer) <= len(words) or longer[-1] != words[-1]:
            continue
        if longer[0] == words[0] and len(words) > 2:
            continue  # "Adana Muhtarlar Derneği" beside "Adana Çukurova ...": two bodies
        rest = iter(longer[:-1])
        if all(word in rest for word in words[:-1]):  # in order: ``in`` consumes the iterator
            matches.append(other)
    return matches[0] if len(matches) == 1 else None


def _merge_short_org_names(
    groups: dict[tuple[str, str], _Group], tails: Tails
) -> dict[tuple[str, str], tuple[str, str]]:
    """Fold an organisation written without its place into the article's one fuller name for it."""
    merged = {}
    for key, group in list(groups.items()):
        if group.type != ORGANIZATION:
            continue
        target = _longer_org_name(key[1], groups, tails) or _org_name_within(key, groups)
        if target is not None and target not in merged:
            groups[target].subtype = groups[target].subtype or group.subtype
            merged[key] = target
    for key in merged:
        del groups[key]
    return merged


def _complete_sub_bodies(
    groups: dict[tuple[str, str], _Group],
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
        opening = next((g for g in generic if key[1].startswith(g + " ")), None)
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
            groups[target] = _Group(ORGANIZATION, group.subtype, [name], [written, *group.aliases])
        merged[key] = target
        completions[target] = parents[0]
        del groups[key]
    return merged


def _people_by_surname(groups: dict[tuple[str, str], _Group]) -> Surnames:
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


def _last_named_before(
    m: Mention, people: Iterable[tuple[str, str]], key_of: dict[Mention, tuple[str, str]]
) -> tuple[str, str] | None:
    """Of several people with one surname, the one named last before a bare "Yılmaz'a"."""
    people = set(people)
    if len(people) < 2:
        return None
    before = [(n.start, k) for n, k in key_of.items() if k in people and n.start < m.start]
    return max(before)[1] if before else None


def _resolve_partial(
    m: Mention,
    groups: dict[tuple[str, str], _Group],
    acronyms: dict[str, tuple[str, str]],
    tails: Tails,
    surnames: Surnames,
) -> tuple[str, str] | None:
    key = fold(m.name)
    if m.reference:
        matches = [k for k in tails.get(key, ()) if k in groups]
        if (ORGANIZATION, key) in groups:
            matches.append((ORGANIZATION, key))
        return matches[0] if len(matches) == 1 else None
    if m.type == ORGANIZATION:
        if (ORGANIZATION, key) in groups:  # a heading in capitals naming a body in full
            return (ORGANIZATION, key)
        return (
            acronyms.get(key)
            or _longer_org_name(key, groups, tails)
            or _org_name_within((ORGANIZATION, key), groups)
        )
    if m.type == PERSON:
        people = surnames.get(key, ())
        return people[0] if len(people) == 1 else None
    return None
