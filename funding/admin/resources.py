"""CSV import and export of grant awards (django-import-export).

Each imported row is validated like an award saved anywhere else (``full_clean``,
including what is left in its fund, which counts the rows above it in the same
file) and saved through ``funding.services.award_save``. The whole file is one
transaction: one bad row and nothing is saved."""

import datetime
from decimal import Decimal, InvalidOperation

from import_export import fields, resources, widgets

from partnerships.models import Body, Organisation

from .. import services
from ..models import Fund, GrantAward


def _blank(value) -> bool:
    return value is None or str(value).strip() == ""


class LookupWidget(widgets.ForeignKeyWidget):
    """A foreign key by what officers know it by: its name as PACE shows it, or
    another natural key (a charity or company number, the last part of its page's
    address), tried in turn. A message an officer can act on instead of a traceback
    when nothing, or more than one, matches."""

    def __init__(self, model, field: str, label: str, *, also: tuple[str, ...] = (), **kwargs):
        super().__init__(model, field, **kwargs)
        self.label = label
        self.also = also

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            return None
        value = str(value).strip()
        queryset = self.get_queryset(value, row, **kwargs)
        for field in (self.field, *self.also):
            lookup = f"{field}__iexact" if field == "name" else field
            found = list(queryset.filter(**{lookup: value})[:2])
            if len(found) == 1:
                return found[0]
            if found:
                raise ValueError(
                    f'More than one {self.label} "{value}": give its charity or company '
                    "number, or the last part of its page's address, instead."
                )
        raise ValueError(f'There is no {self.label} "{value}".')


class MoneyWidget(widgets.DecimalWidget):
    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            return None
        text = str(value).strip().replace("£", "").replace(",", "")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValueError(
                f'"{value}" is not an amount: write pounds and pence, like 8000 or 8000.50.'
            ) from None
        if not amount.is_finite():
            raise ValueError(f'"{value}" is not an amount.')
        return amount

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else f"{value:.2f}"


class UKDateWidget(widgets.DateWidget):
    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")
        self.formats = ("%Y-%m-%d", "%d/%m/%Y")

    def clean(self, value, row=None, **kwargs):
        if _blank(value):
            return None
        if isinstance(value, datetime.date):
            return value
        for fmt in self.formats:
            try:
                return datetime.datetime.strptime(str(value).strip(), fmt).date()
            except ValueError:
                continue
        raise ValueError(f'"{value}" is not a date: write it like 2016-08-01 or 01/08/2016.')


class GrantAwardResource(resources.ModelResource):
    fund = fields.Field(
        attribute="fund", column_name="fund", widget=LookupWidget(Fund, "name", "fund named")
    )
    recipient_body = fields.Field(
        attribute="recipient_body",
        column_name="recipient_body",
        widget=LookupWidget(Body, "name", "body named or with the address", also=("slug",)),
    )
    recipient_organisation = fields.Field(
        attribute="recipient_organisation",
        column_name="recipient_organisation",
        widget=LookupWidget(
            Organisation,
            "name",
            "organisation named or numbered",
            also=("registration_number", "slug"),
        ),
    )
    amount = fields.Field(attribute="amount", column_name="amount", widget=MoneyWidget())
    award_date = fields.Field(
        attribute="award_date", column_name="award_date", widget=UKDateWidget()
    )
    planned_start_on = fields.Field(
        attribute="planned_start_on", column_name="planned_start_on", widget=UKDateWidget()
    )
    planned_end_on = fields.Field(
        attribute="planned_end_on", column_name="planned_end_on", widget=UKDateWidget()
    )

    class Meta:
        model = GrantAward
        fields = (
            "id",
            "fund",
            "recipient_body",
            "recipient_organisation",
            "title",
            "description",
            "amount",
            "award_date",
            "status",
            "planned_start_on",
            "planned_end_on",
            "conditions",
            "evidence_of_success",
        )
        export_order = fields
        import_id_fields = ("id",)
        clean_model_instances = True
        skip_unchanged = True
        use_transactions = True

    def before_import(self, dataset, **kwargs):
        # New awards need no id column: a file without one creates every row.
        if dataset.headers and "id" not in dataset.headers:
            dataset.append_col([""] * dataset.height, header="id")
        super().before_import(dataset, **kwargs)

    def do_instance_save(self, instance, is_create):
        services.award_save(award=instance)
