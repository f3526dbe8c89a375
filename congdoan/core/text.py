"""Vietnamese text folding: officers type names with or without diacritics."""

import unicodedata

_TRANSLATE = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lower-case, strip diacritics and collapse spaces: 'Nguyễn  Văn Ấn' -> 'nguyen van an'."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_TRANSLATE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())
