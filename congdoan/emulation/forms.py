"""Forms of the emulation module. Field names are the services' error keys, so a service's error
lands on its field; unit pickers offer only the units the actor may use (the services check again)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from congdoan.core.dates import today
from congdoan.core.forms import DateField, StyledForm
from congdoan.core.periods import AsOfField
from congdoan.documents.models import Document
from congdoan.documents.selectors import documents_in_scope
from congdoan.members.models import Person
from congdoan.organizations.fields import UnitPickerField
from congdoan.organizations.models import Unit, UnitVersion

from .deadlines import registration_year
from .models import Block, Condition, CriterionKind, Movement, Rating, Registration, Rubric, Title
from .movement_forms import TermsMixin, add_terms_fields
from .permissions import MANAGE, VIEW
from .rating import default_rubric
from .rating import item_field as rating_item_field
from .scoring import criterion_field, criterion_terms, parse_points, points_text
from .titles import titles_day

YEAR_HELP = _("Ví dụ: 2022.")
YEAR = _("Năm")


def _year_field(label=YEAR, required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=1900,
        max_value=2100,
        help_text=YEAR_HELP if required else "",
        error_messages={
            "invalid": _("Năm: hãy nhập một số, ví dụ 2022."),
            "min_value": _("Năm: không được trước %(limit_value)s."),
            "max_value": _("Năm: không được sau %(limit_value)s."),
        },
    )


def document_field(actor, label) -> forms.ModelChoiceField:
    """A document of the documents module the actor may see (the service checks who issued it)."""
    return forms.ModelChoiceField(
        documents_in_scope(actor=actor).order_by("-signed_on", "-pk") if actor else Document.objects.none(),
        label=label,
        required=False,
        empty_label=_("(không chọn)"),
    )


class MovementFilterForm(StyledForm):
    q = forms.CharField(label=_("Tên phong trào"), required=False, max_length=100)
    year = _year_field()
    kind = forms.ChoiceField(
        label=_("Loại"), required=False, choices=[("", _("(tất cả)")), *Movement.Kind.choices]
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class MovementForm(TermsMixin, StyledForm):
    kind = forms.ChoiceField(label=_("Loại"), choices=Movement.Kind.choices, initial=Movement.Kind.MOVEMENT)
    name = forms.CharField(label=_("Tên phong trào"), max_length=255)
    starts_on = DateField(label=_("Từ ngày"))
    ends_on = DateField(label=_("Đến ngày"))
    deadline = DateField(label=_("Hạn đăng ký"), required=False)
    plan_reference = forms.CharField(
        label=_("Kế hoạch phát động (số, ký hiệu)"),
        required=False,
        max_length=100,
        help_text=_("Ví dụ: 92/KH-CĐVC."),
    )
    description = forms.CharField(
        label=_("Nội dung"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"] = UnitPickerField(perm=MANAGE, actor=actor, label=_("Đơn vị phát động"))
        self.fields["plan_document"] = document_field(actor, _("Văn bản kế hoạch phát động"))
        add_terms_fields(self, actor)
        self.order_fields(
            ["unit", "kind", "name", "starts_on", "ends_on", "deadline", "plan_document", "plan_reference"]
        )
        self.style()


class RegistrationForm(StyledForm):
    targets = forms.CharField(
        label=_("Chỉ tiêu, danh hiệu đăng ký"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, data=None, *, actor, with_unit: bool = True, movement=None, **kwargs):
        super().__init__(data, **kwargs)
        if with_unit:
            self.fields["unit"] = UnitPickerField(perm=MANAGE, actor=actor, label=_("Đơn vị đăng ký"))
            self.fields["year"] = _year_field(_("Năm đăng ký"))
            self.fields["year"].help_text = _("Để trống: năm nay (trong thời gian của phong trào).")
            if movement is not None:
                self.fields["year"].initial = registration_year(movement)
            self.order_fields(["unit", "year", "targets"])
        self.style()


class RegistrationFilterForm(StyledForm):
    state = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("(tất cả)")), *Registration.State.choices]
    )
    year = _year_field()

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


# -- blocks ----------------------------------------------------------------------------------------


class BlockFilterForm(StyledForm):
    q = forms.CharField(label=_("Tên khối"), required=False, max_length=100)
    year = _year_field()

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class BlockForm(StyledForm):
    kind = forms.ChoiceField(label=_("Loại"), choices=Block.Kind.choices, initial=Block.Kind.BLOCK)
    name = forms.CharField(label=_("Tên khối"), max_length=255)
    valid_from = DateField(label=_("Từ ngày"))
    deputies = forms.IntegerField(label=_("Số khối phó mỗi năm"), min_value=0, max_value=5, initial=2)
    note = forms.CharField(
        label=_("Ghi chú"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"] = UnitPickerField(perm=MANAGE, actor=actor, label=_("Đơn vị thành lập"))
        self.order_fields(["unit", "kind", "name", "valid_from", "deputies", "note"])
        self.style()


class BlockMemberForm(StyledForm):
    def arguments(self) -> dict:
        return dict(self.cleaned_data)

    valid_from = DateField(label=_("Từ ngày"))
    valid_to = DateField(label=_("Đến ngày (không gồm)"), required=False)

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"] = UnitPickerField(perm=MANAGE, actor=actor, label=_("Đơn vị thành viên"))
        self.order_fields(["unit", "valid_from", "valid_to"])
        self.style()


class _MemberChoices(StyledForm):
    """A form choosing among the block's member units (any period; the service checks the year)."""

    def __init__(self, data=None, *, members=(), actor=None, **kwargs):
        self.actor = actor
        self.units = {m.unit_id: m.unit for m in members}
        self.member_choices = [(m.unit_id, m.unit_name) for m in members]
        super().__init__(data, **kwargs)

    unit_fields: tuple[str, ...] = ()  # fields holding one member unit's id
    units_fields: tuple[str, ...] = ()  # fields holding several

    def unit(self, value) -> Unit | None:
        return self.units.get(int(value)) if value else None

    def arguments(self) -> dict:
        """The cleaned data as the service takes it: the chosen ids as units."""
        d = dict(self.cleaned_data)
        for name in self.unit_fields:
            d[name] = self.unit(d[name])
        for name in self.units_fields:
            d[name] = [self.unit(u) for u in d[name]]
        return d


class OfficersForm(_MemberChoices):
    unit_fields, units_fields = ("leader",), ("deputies",)
    year = _year_field(required=True)
    decision_reference = forms.CharField(
        label=_("Quyết định công nhận (số, ký hiệu)"), required=False, max_length=100
    )
    decided_on = DateField(label=_("Ngày quyết định"), required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["leader"] = forms.TypedChoiceField(
            label=_("Khối trưởng"), choices=[("", "—"), *self.member_choices], coerce=int
        )
        self.fields["deputies"] = forms.TypedMultipleChoiceField(
            label=_("Khối phó"), choices=self.member_choices, coerce=int, required=False
        )
        self.fields["decision"] = document_field(self.actor, _("Văn bản quyết định công nhận"))
        self.order_fields(["year", "leader", "deputies", "decision", "decision_reference", "decided_on"])
        self.style()


class FlagForm(_MemberChoices):
    unit_fields = ("from_unit", "to_unit")
    year = _year_field(required=True)
    handed_on = DateField(label=_("Ngày trao"))
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=255)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["from_unit"] = forms.TypedChoiceField(
            label=_("Đơn vị trao"),
            choices=[("", "—"), *self.member_choices],
            coerce=int,
            required=False,
            empty_value=None,
        )
        self.fields["to_unit"] = forms.TypedChoiceField(
            label=_("Đơn vị nhận"), choices=[("", "—"), *self.member_choices], coerce=int
        )
        self.order_fields(["year", "from_unit", "to_unit", "handed_on", "note"])
        self.style()


class PledgeForm(_MemberChoices):
    units_fields = ("parties",)
    year = _year_field(required=True)
    title = forms.CharField(label=_("Tên giao ước"), max_length=255)
    signed_on = DateField(label=_("Ngày ký"))
    place = forms.CharField(label=_("Nơi ký"), required=False, max_length=255)
    targets = forms.CharField(
        label=_("Nội dung, chỉ tiêu"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["parties"] = forms.TypedMultipleChoiceField(
            label=_("Các bên ký"), choices=self.member_choices, coerce=int
        )
        self.fields["document"] = document_field(self.actor, _("Văn bản giao ước"))
        signers = []
        for unit_id, name in dict(self.member_choices).items():
            self.fields[f"signatory_{unit_id}"] = forms.CharField(
                label=_("%(unit)s: người ký") % {"unit": name}, required=False, max_length=150
            )
            self.fields[f"position_{unit_id}"] = forms.CharField(
                label=_("%(unit)s: chức vụ người ký") % {"unit": name},
                required=False,
                max_length=150,
                help_text=_("Ví dụ: Chủ tịch công đoàn."),
            )
            signers += [f"signatory_{unit_id}", f"position_{unit_id}"]
        self.order_fields(["year", "title", "signed_on", "place", "parties", "document", "targets", *signers])
        self.style()

    def arguments(self) -> dict:
        """As ``_MemberChoices.arguments``, the signatory and position of each party gathered in
        ``signatories`` (unit id -> (name, position))."""
        d = super().arguments()
        signatories = {}
        for unit_id in dict(self.member_choices):
            name, position = d.pop(f"signatory_{unit_id}", ""), d.pop(f"position_{unit_id}", "")
            if name or position:
                signatories[unit_id] = (name, position)
        d["signatories"] = signatories
        return d


# -- scoring ---------------------------------------------------------------------------------------

CRITERIA_HELP = _(
    "Mỗi dòng một tiêu chí: nhóm | tiêu chí | điểm tối đa | loại. Loại (không bắt buộc): thưởng, trừ, "
    "hoặc bắt buộc kèm điểm đạt (ví dụ: bắt buộc 8). Ví dụ: Xây dựng tổ chức | Phát triển đoàn viên | 10"
)
KIND_WORDS = {"": CriterionKind.SCORE, "thưởng": CriterionKind.BONUS, "trừ": CriterionKind.PENALTY}


def _criterion_kind(word: str, most):
    """The fourth column of a criteria line: ``(kind, pass_points)``, or None when unreadable."""
    word = " ".join(word.lower().split())
    if word in KIND_WORDS:
        return KIND_WORDS[word], None
    if word == "bắt buộc":
        return CriterionKind.SCORE, most
    if word.startswith("bắt buộc "):
        passing = parse_points(word.removeprefix("bắt buộc "))
        return (CriterionKind.SCORE, passing) if passing is not None else None
    return None


class SheetForm(StyledForm):
    name = forms.CharField(label=_("Tên bảng điểm"), max_length=255)
    valid_from = DateField(label=_("Áp dụng từ ngày"))
    total = forms.DecimalField(label=_("Tổng điểm tối đa"), max_digits=6, decimal_places=1, min_value=0)
    criteria = forms.CharField(
        label=_("Tiêu chí"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=CRITERIA_HELP,
    )

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"] = UnitPickerField(perm=MANAGE, actor=actor, label=_("Đơn vị ban hành"))
        self.order_fields(["unit", "name", "valid_from", "total", "criteria"])
        self.style()

    def clean_criteria(self):
        """The lines as ``(group, name, max_points, kind, pass_points)``; a bad line is named by
        its number."""
        rows = []
        for number, line in enumerate(self.cleaned_data["criteria"].splitlines(), 1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) == 2:
                parts = ["", *parts]
            points = parse_points(parts[2]) if len(parts) in (3, 4) else None
            kind = _criterion_kind(parts[3] if len(parts) == 4 else "", points)
            if len(parts) not in (3, 4) or not parts[1] or points is None or kind is None:
                raise forms.ValidationError(
                    _(
                        "Tiêu chí, dòng %(n)s: cần dạng 'nhóm | tiêu chí | điểm tối đa | loại' (điểm là số, "
                        "ví dụ 10 hoặc 2,5; loại để trống, thưởng, trừ hoặc bắt buộc 8)."
                    )
                    % {"n": number}
                )
            rows.append((parts[0], parts[1], points, *kind))
        return rows


class _CriteriaFields(StyledForm):
    """One field per criterion of a sheet (its terms in the label; a bonus or a penalty may stay
    empty: 0), read back by ``points``; ``initial``: points by criterion id."""

    def add_criteria(self, criteria, initial=None) -> list[str]:
        self.criteria = list(criteria)
        for c in self.criteria:
            scored = c.kind == CriterionKind.SCORE
            self.fields[criterion_field(c.pk)] = forms.CharField(
                label=f"{c.name} ({criterion_terms(c)})",
                max_length=10,
                required=scored,
                help_text=c.group if c.kind != CriterionKind.PENALTY else _("Số âm, ví dụ -2; để trống: 0."),
                initial=points_text(initial[c.pk]) if initial and c.pk in initial else "",
            )
        return [criterion_field(c.pk) for c in self.criteria]

    def points(self) -> dict:
        """Each criterion's points as typed (unreadable: None, which the service names; an empty
        bonus or penalty: None, which the service reads as 0)."""
        return {c.pk: parse_points(self.cleaned_data.get(criterion_field(c.pk)) or "") for c in self.criteria}


class ScoreForm(_CriteriaFields, _MemberChoices):
    """A member's points for the year, one field per criterion of the sheet in force (the level's
    scoring with a note; ``note=False``: the unit's own, tự chấm)."""

    note = forms.CharField(label=_("Ghi chú (lý do điều chỉnh)"), required=False, max_length=500)

    def __init__(self, data=None, *, criteria=(), note: bool = True, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"] = forms.TypedChoiceField(
            label=_("Đơn vị"), choices=[("", "—"), *self.member_choices], coerce=int
        )
        if not note:
            del self.fields["note"]
        self.order_fields(["unit", *self.add_criteria(criteria), "note"])
        self.style()


class ReviewForm(_CriteriaFields):
    """The block leader's points for a sent score, with the reason for the adjustment."""

    reason = forms.CharField(
        label=_("Lý do điều chỉnh"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, data=None, *, criteria=(), initial_points=None, **kwargs):
        super().__init__(data, **kwargs)
        self.order_fields([*self.add_criteria(criteria, initial_points), "reason"])
        self.style()


# -- ratings of grassroots unions ------------------------------------------------------------------


class RatingFilterForm(StyledForm):
    year = _year_field()
    state = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("(tất cả)")), *Rating.State.choices]
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class RatingStartForm(StyledForm):
    year = _year_field(required=True)

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"] = UnitPickerField(perm=MANAGE, actor=actor, label=_("Công đoàn cơ sở"))
        self.order_fields(["unit", "year"])
        self.style()


class RatingPointsForm(StyledForm):
    """One field per item of the rubric (an item from the records is shown, not typed, when the
    union assesses itself); the union declares a disciplinary case, the superior names itself."""

    def __init__(self, data=None, *, actor=None, lines=(), deciding: bool = False, **kwargs):
        super().__init__(data, **kwargs)
        self.lines, self.deciding = list(lines), deciding
        names = []
        for line in self.lines:
            if line.auto and not deciding:
                continue
            name = rating_item_field(line.item_id)
            value = line.points if deciding and line.points is not None else line.self_points
            self.fields[name] = forms.CharField(
                label=f"{line.item.name} (≤ {points_text(line.item.max_points)})",
                max_length=10,
                help_text=line.evidence or line.item.group,
                initial=points_text(value),
            )
            names.append(name)
        if deciding:
            self.fields["reviewer"] = UnitPickerField(
                perm=MANAGE, actor=actor, label=_("Công đoàn cấp trên xếp loại"), required=False
            )
            self.fields["note"] = forms.CharField(label=_("Nhận xét"), required=False, max_length=2000)
            self.fields["decided_on"] = DateField(label=_("Ngày quyết định"), required=False)
            self.fields["discipline_case"] = forms.TypedChoiceField(
                label=_("Có cán bộ, đoàn viên bị kỷ luật trong năm"),
                required=False,
                choices=[("", _("(theo đơn vị khai)")), ("1", _("Có")), ("0", _("Không"))],
                coerce=lambda v: v == "1",
                empty_value=None,
            )
            names = ["reviewer", "decided_on", *names, "discipline_case", "note"]
        else:
            self.fields["discipline_case"] = forms.BooleanField(
                label=_("Có cán bộ, đoàn viên bị kỷ luật trong năm"), required=False
            )
            names.append("discipline_case")
        self.order_fields(names)
        self.style()

    def points(self) -> dict:
        """Each typed item's points (unreadable: None, which the service names)."""
        return {
            line.item_id: parse_points(self.cleaned_data.get(rating_item_field(line.item_id), ""))
            for line in self.lines
            if rating_item_field(line.item_id) in self.fields
        }


TOP = "top"  # RatingSummaryForm.grade: the top grade of the year (``selectors.rating_summary``)


class RatingSummaryForm(StyledForm):
    year = _year_field(required=True)
    state = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[("", _("(tất cả)")), ("none", _("Chưa đánh giá")), *Rating.State.choices],
    )
    # A figure's records (``ratings.excellent``): the unions rated in the top grade of their year.
    grade = forms.ChoiceField(
        label=_("Xếp loại"), required=False, choices=[("", _("(tất cả)")), (TOP, _("Loại cao nhất"))]
    )
    as_of = AsOfField()

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"] = UnitPickerField(perm=VIEW, actor=actor, label=_("Công đoàn cấp trên"))
        self.order_fields(["unit", "year", "state", "grade", "as_of"])
        self.style()


# -- titles of a registration, evidence files ------------------------------------------------------


class TitlesForm(StyledForm):
    """One title for many recipients at once: the registering unit's units (collectives) and its
    members (people), ticked in one list each."""

    def __init__(self, data=None, *, registration=None, **kwargs):
        super().__init__(data, **kwargs)
        on = titles_day(registration) if registration else today()
        path = (
            UnitVersion.objects.active(today())
            .filter(unit_id=registration.unit_id if registration else None)
            .values_list("path", flat=True)
            .first()
            or "-"
        )
        self.fields["title"] = forms.ModelChoiceField(
            Title.objects.active(on).order_by("order", "name"), label=_("Danh hiệu"), empty_label="—"
        )
        self.fields["units"] = forms.ModelMultipleChoiceField(
            Unit.objects.filter(
                pk__in=UnitVersion.objects.active(today()).filter(path__startswith=path).values("unit_id")
            ),
            label=_("Tập thể"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["members"] = forms.ModelMultipleChoiceField(
            Person.objects.filter(unit_path__startswith=path, status__in=("active", "exempt")).order_by(
                "sort_key", "id"
            ),
            label=_("Đoàn viên"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["members"].label_from_instance = lambda p: f"{p.full_name} ({p.card_number or '—'})"
        self.style()


class UploadForm(StyledForm):
    file = forms.FileField(label=_("Tệp"))


# -- a rubric adapted for a year -------------------------------------------------------------------

NEW_ITEM_ROWS = 3


def _points_field(label, initial=None, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=10,
        required=required,
        initial=points_text(initial) if initial is not None else "",
        help_text=_("Ví dụ: 10 hoặc 9,5."),
    )


class RubricAdaptForm(StyledForm):
    """Copy a rubric for a year and adapt it: its name, total, bonus maximum, hard conditions and,
    row by row, each criterion's group, name, maximum and whether it is a bonus item (an emptied
    name drops the row); a few empty rows add criteria. Each row's points are read here (an
    unreadable number is named by its row); the sums are the service's check."""

    def __init__(self, data=None, *, actor, base=None, **kwargs):
        super().__init__(data, **kwargs)
        base = base or default_rubric() or Rubric(name="", total=0, bonus_max=0)
        self.base = base
        self.fields["unit"] = UnitPickerField(perm=MANAGE, actor=actor, label=_("Công đoàn ban hành"))
        if actor is not None and actor.home_unit_id:
            self.fields["unit"].initial = actor.home_unit_id
        self.fields["year"] = _year_field(_("Năm áp dụng"), required=True)
        self.fields["name"] = forms.CharField(label=_("Tên bảng tiêu chí"), max_length=255, initial=base.name)
        self.fields["total"] = _points_field(_("Tổng điểm tối đa"), base.total)
        self.fields["bonus_max"] = _points_field(_("Điểm thưởng tối đa"), base.bonus_max)
        self.fields["conditions"] = forms.MultipleChoiceField(
            label=_("Điều kiện không được xếp loại cao nhất"),
            choices=Condition.choices,
            required=False,
            initial=list(base.conditions),
            widget=forms.CheckboxSelectMultiple,
        )
        self.sources = {}
        names = ["unit", "year", "name", "total", "bonus_max", "conditions"]
        rows = (
            [(i.group, i.name, i.max_points, i.bonus, i.source) for i in base.items.all()] if base.pk else []
        )
        rows += [("", "", None, False, "")] * NEW_ITEM_ROWS
        for n, (group, name, max_points, bonus, source) in enumerate(rows, 1):
            self.fields[f"item_{n}_group"] = forms.CharField(
                label=_("Tiêu chí %(n)s: nhóm") % {"n": n}, max_length=255, required=False, initial=group
            )
            self.fields[f"item_{n}_name"] = forms.CharField(
                label=_("Tiêu chí %(n)s: tên") % {"n": n},
                max_length=255,
                required=False,
                initial=name,
                help_text=_("Để trống để bỏ tiêu chí này.") if name else _("Tiêu chí mới (không bắt buộc)."),
            )
            self.fields[f"item_{n}_max"] = _points_field(
                _("Tiêu chí %(n)s: điểm tối đa") % {"n": n}, max_points, required=False
            )
            self.fields[f"item_{n}_bonus"] = forms.BooleanField(
                label=_("Tiêu chí %(n)s: điểm thưởng") % {"n": n}, required=False, initial=bonus
            )
            self.sources[n] = source  # an item filled in from the records keeps its source
            names += [f"item_{n}_group", f"item_{n}_name", f"item_{n}_max", f"item_{n}_bonus"]
        self.order_fields(names)
        self.style()

    def _points(self, field: str, label) -> Decimal | None:
        """The points typed in ``field`` (the text stays the field's cleaned value)."""
        raw = self.cleaned_data.get(field) or ""
        value = parse_points(raw) if raw else None
        if raw and value is None:
            self.add_error(
                field, _("%(f)s: '%(v)s' không phải là số điểm (ví dụ 10 hoặc 9,5).") % {"f": label, "v": raw}
            )
        return value

    def clean(self):
        data = super().clean()
        self.total_points = self._points("total", _("Tổng điểm tối đa"))
        self.bonus_points = self._points("bonus_max", _("Điểm thưởng tối đa"))
        items = []
        for n, source in self.sources.items():
            name = (data.get(f"item_{n}_name") or "").strip()
            raw = (data.get(f"item_{n}_max") or "").strip()
            if not name and not raw:
                continue  # an emptied or unused row
            label = _("Tiêu chí %(n)s") % {"n": n}
            value = parse_points(raw) if raw else None
            if not name:
                self.add_error(
                    f"item_{n}_name", _("%(f)s: hãy nhập tên tiêu chí (hoặc xóa điểm).") % {"f": label}
                )
            elif not raw:
                self.add_error(
                    f"item_{n}_max", _("%(f)s (%(c)s): hãy nhập điểm tối đa.") % {"f": label, "c": name}
                )
            elif value is None or value <= 0:
                self.add_error(
                    f"item_{n}_max",
                    _("%(f)s (%(c)s): điểm tối đa '%(v)s' phải là số lớn hơn 0 (ví dụ 10 hoặc 9,5).")
                    % {"f": label, "c": name, "v": raw},
                )
            else:
                group = data.get(f"item_{n}_group") or ""
                items.append((group, name, value, bool(data.get(f"item_{n}_bonus")), source))
        data["items"] = items
        return data

    def changes(self) -> dict:
        """The arguments of ``rating.rubric_adapt`` the form sets."""
        d = self.cleaned_data
        return {
            "name": d["name"],
            "total": self.total_points,
            "bonus_max": self.bonus_points if self.bonus_points is not None else Decimal(0),
            "items": d["items"],
            "conditions": list(d.get("conditions") or []),
        }
