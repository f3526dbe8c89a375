"""The issuer levels of commendation (cấp khen), shared with the emulation module's titles.

Until the emulation module's ``IssuerLevel`` exists on this branch, the same choices are declared
here; ``RANK`` orders them (a higher number: a higher level)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IssuerLevel(models.TextChoices):
    CONFEDERATION = "confederation", _("Tổng Liên đoàn Lao động Việt Nam")
    PROVINCIAL = "provincial", _("Liên đoàn Lao động tỉnh, thành phố")
    SECTORAL = "sectoral", _("Công đoàn ngành trung ương")
    UPPER_GRASSROOTS = "upper_grassroots", _("Công đoàn cấp trên trực tiếp cơ sở")
    AGENCY_HEAD = "agency_head", _("Thủ trưởng cơ quan, đơn vị")
