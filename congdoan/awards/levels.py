"""The issuer levels of commendation (cấp khen): the emulation module's ``IssuerLevel``, shared by its
titles and this module's forms. Its codes are those of the unit kinds, so an issuer unit's kind
tells its level."""

from congdoan.emulation.models import IssuerLevel

__all__ = ["IssuerLevel"]
