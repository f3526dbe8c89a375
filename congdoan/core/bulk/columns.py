"""One column of a module's Excel template: its header, how its cells parse and how it is written."""

from dataclasses import dataclass

from congdoan.core.text import fold

from .cells import Parser


def header_key(header) -> str:
    """How a header is recognised: without diacritics, case, stars or the hint in brackets, so
    "Ho va ten" and "HỌ VÀ TÊN" are "Họ và tên*" and "Ngày sinh" is "Ngày sinh (dd/mm/yyyy)"."""
    return fold(str(header).split("(")[0].replace("*", ""))


@dataclass(frozen=True)
class Column:
    """``key``: the field it fills; ``header``: as written in the template; ``parse``: a
    ``cells`` parser (``None`` for a column read past, such as a row number); ``text``: an
    identifier, formatted as text in the template; ``date``: a date (dd/mm/yyyy, and a bare Excel
    serial number is read as a date); ``width`` in characters; ``choices``: the template's
    drop-down."""

    key: str
    header: str
    parse: Parser | None = None
    required: bool = False
    text: bool = False
    date: bool = False
    width: int = 16
    choices: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The name used in messages: 'Ngày sinh' for 'Ngày sinh (dd/mm/yyyy)'."""
        return self.header.split("(")[0].replace("*", "").strip()

    @property
    def key_folded(self) -> str:
        return header_key(self.header)

    @property
    def read(self) -> bool:
        """Whether its cells are parsed (a row number column is not)."""
        return self.parse is not None
