import datetime as dt

from ninja import Field, Schema

from congdoan.core.api import Date, Id, text


class FiguresQuery(Schema):
    unit: Id | None = Field(
        None, description="Đơn vị; số liệu gồm cả các đơn vị trực thuộc. Mặc định: đơn vị của người dùng."
    )
    from_: Date | None = Field(
        None, alias="from", description="Ngày đầu kỳ (yyyy-mm-dd); mặc định đầu năm nay."
    )
    to: Date | None = Field(None, description="Ngày cuối kỳ (yyyy-mm-dd); mặc định cuối năm của ngày đầu kỳ.")
    as_of: Date | None = Field(None, description="Số liệu tính đến ngày; mặc định ngày cuối kỳ hoặc hôm nay.")
    names: text(4000) | None = Field(
        None, description="Chỉ lấy các số liệu này (tên, cách nhau bởi dấu phẩy)."
    )


class FiguresOut(Schema):
    unit: int
    unit_name: str
    from_: dt.date = Field(alias="from")
    to: dt.date
    as_of: dt.date
    figures: dict[str, int | None]


class CatalogueItemOut(Schema):
    name: str
    label: str
    measure: str
    counted: str
    against_target: bool
    rollup: str
    inputs: list[str]
