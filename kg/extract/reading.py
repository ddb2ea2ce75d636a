"""A sentence being read: its tokens, the mentions, roles and facts found so far, how to add them."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.lang.tr import Title, Turkish
from kg.lang.tr.morphology import token_case
from kg.lang.tr.text import Sentence, Token, lower
from kg.model import PERSON, PLACE, Byline, Fact, Mention

MAX_PERSON_WORDS = 4  # a person's name has at most this many words


@dataclass
class Role:
    """A title read next to names: whose it is and of what, as far as the run itself says."""

    title: Title
    org: Mention | None
    person: Mention | None
    first: int  # first token of the role's words (organisation or title)
    end: int  # one past its last token
    listed: list[Mention] = field(default_factory=list)  # more names after a plural title
    body: Mention | None = None  # the organisation whose sub-body ``org`` is, named by the title
    qualified: bool = False  # words before the title that name no organisation ("Spor Müdürü")


@dataclass
class SentenceReading:
    """A sentence with its tokens, the mentions found in it and the facts its names state."""

    sentence: Sentence
    tokens: list[Token]
    lang: Turkish
    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    dateline_end: int = 0  # tokens before this are a byline/dateline, not parties to any event
    byline: Byline | None = None
    byline_tokens: set[int] = field(default_factory=set)  # read as a byline, not as names
    roles: list[Role] = field(default_factory=list)  # titles read next to names, completed later
    _covered: frozenset[int] | None = field(default=None, repr=False)
    _people: frozenset[int] | None = field(default=None, repr=False)
    _starts: list[int] = field(default_factory=list, repr=False)
    _ends: list[int] = field(default_factory=list, repr=False)

    def covered(self) -> frozenset[int]:
        """Indices of the tokens inside some mention (read once mentions are final)."""
        if self._covered is None:
            self._covered = frozenset(i for m in self.mentions for i in range(*self.token_span(m)))
        return self._covered

    def person_tokens(self) -> frozenset[int]:
        """Indices of the tokens inside a person's mention (read once mentions are final)."""
        if self._people is None:
            self._people = frozenset(
                i for m in self.mentions if m.type == PERSON for i in range(*self.token_span(m))
            )
        return self._people

    def token_span(self, mention: Mention) -> tuple[int, int]:
        """Indices of the first and one past the last token of a mention."""
        if len(self._starts) != len(self.tokens):  # asked for every mention: no call when indexed
            self._index_offsets()
        return bisect_left(self._starts, mention.start), bisect_right(self._ends, mention.end)

    def token_from(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset`` (len(tokens) if none)."""
        self._index_offsets()
        return bisect_left(self._starts, offset)

    def _index_offsets(self) -> None:
        # token offsets in sorted lists, so that finding a token by offset is a binary search
        if len(self._starts) != len(self.tokens):
            self._starts = [t.start for t in self.tokens]
            self._ends = [t.end for t in self.tokens]


def place_of(token: Token, lang: Turkish) -> str | None:
    """The place a word names, directly ("İzmir", "İZMİR"), as a demonym ("Manisalı"), or first
    of a hyphenated pair ("İzmir-Manisa")."""
    key = token.key
    if key in lang.months:  # "3 Aralık" is a date, not the district Aralık
        return None
    if key in lang.places:
        return lang.places[key].name
    name = lang.demonyms.get(key)
    if name is None and "-" in key:  # "İzmir-Manisa", "Mersin-Tarsus": a pair of places
        parts = key.split("-")
        if all(part in lang.places for part in parts):
            return lang.places[parts[0]].name
    return name


def add_places(
    reading: SentenceReading, i: int, lang: Turkish, *, attributive: bool
) -> list[Mention]:
    """Place mentions for a token; a hyphenated pair ("İzmir-Manisa") gives two, a place written
    twice in one word one (each mention spans the whole word: a word of thousands of repeated
    places would otherwise give thousands of copies of it)."""
    tok = reading.tokens[i]
    key = tok.key
    parts = [key] if key in lang.places or key in lang.demonyms else key.split("-")
    mentions = []
    for part in dict.fromkeys(parts):
        name = lang.places[part].name if part in lang.places else lang.demonyms.get(part)
        if name is None:
            continue
        subtype = lang.places[lower(name)].subtype if lower(name) in lang.places else None
        mentions.append(add_mention(reading, [i], PLACE, name, subtype, attributive=attributive))
    return mentions


def join_words(words: list[int], tokens: Sequence[Token]) -> str:
    return " ".join(tokens[i].base for i in words)


def add_mention(
    reading: SentenceReading,
    words: list[int],
    type_: str,
    name: str,
    subtype: str | None,
    *,
    case: str | None = None,
    attributive: bool = False,
    tentative: bool = False,
) -> Mention:
    tokens = reading.tokens
    first, last = tokens[words[0]], tokens[words[-1]]
    offset = reading.sentence.start
    text = reading.sentence.text[first.start - offset : last.end - offset]
    mention = Mention(
        text,
        first.start,
        last.end,
        type_,
        name,
        subtype,
        case=case or token_case(last, None, reading.lang) or "nom",
        attributive=attributive,
        tentative=tentative,
    )
    reading.mentions.append(mention)
    return mention


def add_fact(
    reading: SentenceReading, s: str, p: str, o: str, start: int, end: int, confidence: float
) -> None:
    offset = reading.sentence.start
    evidence = reading.sentence.text[start - offset : end - offset]
    reading.facts.append(Fact(s, p, o, evidence, start, end, confidence))
