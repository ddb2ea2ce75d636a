"""How a build writes and consolidates, decided in one place: the ``BuildPlan``.

A build is one of four kinds, and each asks something different of ingestion and consolidation:

- ``FIRST``: the store holds no article. Nothing needs tracking while articles are written; the
  facts and labels kept as each graph is written are all there is, so consolidation reads them
  instead of reading the store back, and reconsiders every entity; and the aliases written
  alone are known before anything is written, so their IRIs are rewritten in the text written
  rather than in the store after it.
- ``RECOVER``: a build or a removal was killed between writing and consolidating (the marker
  file is still there). Entities it wrote may be unconsolidated while their articles are stored
  and unchanged, so no later build would look at them again: every entity is reconsidered,
  reading the store.
- ``APPEND``: articles are added to a consolidated store and none replaces a stored one. Only the
  entities and pairs the new graphs name are reconsidered, and the new reports are merged into
  the events the store holds.
- ``REPLACE``: as ``APPEND``, but some stored article was written again, so what its old version
  said must go: the touched pairs' events are rebuilt from the store.

``APPEND`` and ``REPLACE`` are one kind until the articles are written: which one it is is known
only when ingestion has seen whether an article replaced a stored one (``after_writing``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from kg.consolidate.run import Everything, Scope, Touched
from kg.consolidate.scratch_rows import FactRows

# Present while articles are written and not yet consolidated: a build that finds it recovers.
CONSOLIDATING = ".kg-consolidating"


class Mode(Enum):
    FIRST = "first"
    RECOVER = "recover"
    APPEND = "append-only"
    REPLACE = "replace"


@dataclass(frozen=True)
class BuildPlan:
    """The kind of a build, and what it implies for ingestion and consolidation."""

    mode: Mode

    @classmethod
    def decide(cls, *, stored_articles: int, consolidated: bool, interrupted: bool) -> BuildPlan:
        """The plan before anything is written: ``stored_articles`` in the store, whether it holds
        a merged graph (``consolidated``), and whether a killed build left its marker.

        >>> BuildPlan.decide(stored_articles=0, consolidated=False, interrupted=False).mode
        <Mode.FIRST: 'first'>
        >>> BuildPlan.decide(stored_articles=9, consolidated=True, interrupted=True).mode
        <Mode.RECOVER: 'recover'>
        >>> BuildPlan.decide(stored_articles=9, consolidated=True, interrupted=False).mode
        <Mode.APPEND: 'append-only'>
        """
        if not stored_articles and not consolidated:
            return cls(Mode.FIRST)
        if interrupted:
            return cls(Mode.RECOVER)
        return cls(Mode.APPEND)

    @property
    def rewrites_before_writing(self) -> bool:
        """Whether the IRIs of aliases written alone are rewritten in the text of the articles
        before it is written: when their rows are every article the store will hold."""
        return self.mode is Mode.FIRST

    @property
    def tracks_touched(self) -> bool:
        """Whether ingestion lists the entities and pairs each written graph (and the old version it
        replaced) names: only a scoped consolidation needs them."""
        return self.mode in (Mode.APPEND, Mode.REPLACE)

    def after_writing(self, replaced: int) -> BuildPlan:
        """The plan once ingestion wrote the articles, ``replaced`` of them over stored versions."""
        if self.mode is Mode.APPEND and replaced:
            return BuildPlan(Mode.REPLACE)
        return self

    def scope(
        self,
        rows: FactRows,
        touched: set[str],
        pairs: set[tuple[str, str]],
        rewritten: dict[str, str] | None = None,
        unwritten: int = 0,
    ) -> Scope:
        """What consolidation reconsiders after writing, and where it reads: ``rows`` are the facts
        and labels of the graphs this build wrote, ``touched`` and ``pairs`` what they named,
        ``rewritten`` the IRIs rewritten before writing (``rewrites_before_writing``),
        ``unwritten`` the articles whose write failed (a first build then asks the store which
        aliases are written alone: the rows worked them out with those articles)."""
        if self.mode is Mode.FIRST:
            return Everything(rows=rows, rewritten=rewritten or {}, complete=not unwritten)
        if self.mode is Mode.RECOVER:
            return Everything()
        if self.mode is Mode.APPEND:
            return Touched(touched, pairs=pairs, added=rows)
        return Touched(touched, pairs=pairs)


@contextmanager
def consolidating(directory: Path) -> Iterator[bool]:
    """Hold the marker file while stored articles are not yet consolidated with each other; yield
    whether a killed build or removal had left it. The marker goes only when the block ends
    without an error, so the next build recovers from a failure or a kill."""
    marker = directory / CONSOLIDATING
    interrupted = marker.exists()
    marker.touch()
    yield interrupted
    marker.unlink()
