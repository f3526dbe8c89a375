import datetime as dt

from ninja import Field, Schema

from congdoan.core.api import Date, Id


class FiguresQuery(Schema):
    unit: Id = Field(description="Đơn vị; số liệu gồm cả các đơn vị trực thuộc.")
    from_: Date = Field(alias="from", description="Ngày đầu kỳ (yyyy-mm-dd).")
    to: Date = Field(description="Ngày cuối kỳ (yyyy-mm-dd).")
    as_of: Date | None = Field(None, description="Số liệu tính đến ngày; mặc định ngày cuối kỳ hoặc hôm nay.")
    names: str | None = Field(
        None, max_length=4000, description="Chỉ lấy các số liệu này (tên, cách nhau bởi dấu phẩy)."
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
    rollup: str
    inputs: list[str]
