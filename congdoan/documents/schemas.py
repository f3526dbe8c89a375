"""API shapes of the document register."""

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from congdoan.core.api import MAX_ID, Date, Id, text

from .selectors import SORTS


class DocumentOut(Schema):
    id: int
    direction: Literal["out", "in"]
    status: Literal["draft", "issued", "received", "cancelled"]
    kind: str = Field(description="Mã loại văn bản (ke-hoach, bao-cao, quyet-dinh…).")
    kind_name: str
    unit_id: int
    unit_name: str = ""
    year: int | None
    number: int | None = Field(description="Số (văn bản đi) hoặc số đến (văn bản đến); null khi là dự thảo.")
    number_symbol: str = Field(description="Số, ký hiệu như đã ban hành: 92/KH-CĐVC.")
    title: str
    place: str
    signed_on: dt.date | None
    signer_name: str
    signer_position: str
    signing_authority: str
    sender: str
    sender_number: str
    sender_date: dt.date | None
    received_on: dt.date | None
    handler: str
    cancel_reason: str

    @staticmethod
    def resolve_kind(obj) -> str:
        return obj.kind.code

    @staticmethod
    def resolve_kind_name(obj) -> str:
        return obj.kind.name


class DocumentRefOut(Schema):
    """A document linked to a record of another module (a decision on a support case, the council's
    decision on an initiative): enough to cite it; the whole of it at ``GET /api/v1/documents/{id}``."""

    id: int
    kind: str = Field(description="Mã loại văn bản (quyet-dinh…).")
    number_symbol: str = Field(description="Số, ký hiệu như đã ban hành: 12/QĐ-CĐVC.")
    signed_on: dt.date | None
    title: str

    @staticmethod
    def resolve_kind(obj) -> str:
        return obj.kind.code


class DocumentDetailOut(DocumentOut):
    recipients: str
    body: str


class DocumentPageOut(Schema):
    items: list[DocumentOut]
    count: int


class DocumentListQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_ID // 200, description="Trang, bắt đầu từ 1.")
    page_size: int = Field(50, ge=1, le=200)
    direction: Literal["", "out", "in"] = Field("", description="out: sổ văn bản đi; in: sổ văn bản đến.")
    unit: Id | None = Field(None, description="Chỉ văn bản của đơn vị này.")
    descendants: bool = Field(False, description="Gồm cả các đơn vị trực thuộc `unit`.")
    year: int | None = Field(None, ge=1900, le=9999)
    kind: text(32) = Field("", description="Mã loại văn bản.")
    number: text(64) = Field("", description="Số (92) hoặc số, ký hiệu (92/KH-CĐVC).")
    date_from: Date | None = None
    date_to: Date | None = None
    signer: text(120) = ""
    q: text(200) = Field("", description="Các từ của trích yếu, có hoặc không dấu.")
    status: Literal["", "draft", "issued", "received", "cancelled"] = ""
    sort: Literal[tuple(SORTS)] = "-number"


class DocumentFieldsIn(Schema):
    title: text(500) = None
    place: text(120) = None
    signed_on: Date | None = None
    signer_name: text(120) = None
    signer_position: text(120) = None
    signing_authority: text(120) = None
    recipients: text(5000, multiline=True) = None
    body: text(100000, multiline=True) = None
    sender: text(255) = None
    sender_number: text(64) = None
    sender_date: Date | None = None
    received_on: Date | None = None
    handler: text(120) = None


class DocumentCreateIn(DocumentFieldsIn):
    """A draft outgoing document of ``unit_id`` (a unit the actor manages)."""

    unit_id: Id
    kind: text(32)
    title: text(500)


class DocumentReceiveIn(DocumentFieldsIn):
    """An incoming document recorded in ``unit_id``'s register; ``number`` only when recording an
    earlier register (else the next arrival number)."""

    unit_id: Id
    kind: text(32)
    title: text(500)
    sender: text(255)
    received_on: Date | None = None
    number: int | None = Field(None, ge=1, le=10**9)


class DocumentUpdateIn(DocumentFieldsIn):
    kind: text(32) = None


class IssueIn(Schema):
    signed_on: Date | None = Field(None, description="Ngày ký; mặc định hôm nay.")
    number: int | None = Field(
        None, ge=1, le=10**9, description="Chỉ khi vào sổ văn bản đã ban hành trước đây: số đó (chưa dùng)."
    )


class CancelIn(Schema):
    reason: text(2000, multiline=True)
