"""The filters of /indicators/: only values from these lists are accepted."""

from django import forms

from strategy.models import Outcome, Priority

from .models import IndicatorKind
from .status import Status


def outcome_key(outcome: Outcome) -> str:
    return f"outcome-{outcome.pk}"


def priority_key(priority: Priority) -> str:
    return f"priority-{priority.pk}"


class IndicatorFilterForm(forms.Form):
    serves = forms.ChoiceField(
        label="Outcome or priority",
        required=False,
        error_messages={"invalid_choice": "Choose an outcome or priority from the list."},
    )
    kind = forms.ChoiceField(
        label="Kind",
        required=False,
        choices=[("", "Any kind")] + list(IndicatorKind.choices),
        error_messages={"invalid_choice": "Choose a kind from the list."},
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status")] + list(Status.choices),
        error_messages={"invalid_choice": "Choose a status from the list."},
    )

    def __init__(
        self, *args, outcomes: list[Outcome], priorities: list[Priority], **kwargs
    ) -> None:
        """``outcomes`` and ``priorities``: those the listed indicators serve (with
        their strategies), so that no choice leads to an empty list."""
        super().__init__(*args, **kwargs)
        choices: list = [("", "Any outcome or priority")]
        if outcomes:
            choices.append(
                (
                    "Outcomes",
                    [(outcome_key(o), f"{o.title} ({o.strategy.title})") for o in outcomes],
                )
            )
        if priorities:
            choices.append(
                (
                    "Priorities for action",
                    [(priority_key(p), f"{p.title} ({p.strategy.title})") for p in priorities],
                )
            )
        self.fields["serves"].choices = choices

    @property
    def selects(self) -> list[tuple]:
        """Each field with its options in groups, for the template: (bound field,
        [(group label or "", [(value, label)])])."""
        made = []
        for bound in self:
            groups: list[tuple[str, list]] = []
            for value, label in bound.field.choices:
                if isinstance(label, list | tuple):
                    groups.append((value, list(label)))
                elif groups and not groups[-1][0]:
                    groups[-1][1].append((value, label))
                else:
                    groups.append(("", [(value, label)]))
            made.append((bound, groups))
        return made
