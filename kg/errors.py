"""The one exception type civic-kg raises for problems a user can act on."""

from __future__ import annotations


class KgError(Exception):
    """A problem with the user's input, output or store, stated in one line.

    ``where`` names the file (and line) the problem is in, when there is one.

    >>> str(KgError("not valid UTF-8", where="a.txt"))
    'a.txt: not valid UTF-8'
    """

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.message = message
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)
