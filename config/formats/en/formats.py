# English reads dates as dd/mm/yyyy and numbers with Vietnamese separators (1.863; 94,2), exactly as
# Vietnamese does: the same figure never reads differently after a language switch, and what is
# typed (core.money.parse_vnd) is read the same way. See congdoan/core/numbers.py.
from config.formats.vi.formats import *  # noqa: F403
