import datetime as dt
from types import SimpleNamespace

import pytest

from congdoan.organizations.tests.factories import UserFactory, grant, make_unit

from . import factories


@pytest.fixture
def survey(tree, cdvc_officer):
    """A mission of CĐVC tỉnh A (19-24/07/2022) led by an officer of the CĐVC, with one member from CĐCS A;
    plus a unit founded after the mission (LATE) and an officer of the other province."""
    head = factories.officer(tree.a, tree.cdvc, name="Trần Thị Trưởng Đoàn")
    member = factories.officer(tree.a, name="Lê Văn Thành Viên", position="uy-vien-bch")
    mission = factories.mission(tree.cdvc, actor=cdvc_officer, head=head, members=[member])
    late = make_unit("LATE", "Công đoàn Trường mới", tree.cdvc, on=dt.date(2023, 1, 1))
    other_cdcs = make_unit("OTHER_CDCS", "Công đoàn cơ sở tỉnh B", tree.other)
    outsider = factories.officer(other_cdcs, name="Phạm Văn Ngoài")
    return SimpleNamespace(mission=mission, head=head, member=member, late=late, outsider=outsider)


@pytest.fixture
def officer_other(tree):
    user = UserFactory(username="officer_other", home_unit=tree.other)
    grant(user, tree.other, "chu-tich")
    return user


@pytest.fixture
def pact(tree, cdvc_officer):
    """A programme of CĐVC tỉnh A with CĐCS A (15/07/2021, open-ended)."""
    return factories.programme(tree.cdvc, actor=cdvc_officer, parties=[tree.a])
