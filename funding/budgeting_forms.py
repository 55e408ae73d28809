"""The residents' forms of participatory budgeting, and the officers' paper ballot.
The forms only gather what was typed; the rules (phases, residents, the round's
money, one vote each) are the services', which every door shares."""

from django import forms

from pace.core.forms import HoneypotMixin, add_errors  # noqa: F401 (shared in pace.core)

from .models import BallotKind, BudgetingProject, BudgetingRound, format_money


class ProposalForm(HoneypotMixin):
    title = forms.CharField(
        label="Name of your idea",
        required=False,
        help_text="A short name, like “Weekly walks for new parents”.",
    )
    description = forms.CharField(
        label="What would it do, and for whom?",
        required=False,
        widget=forms.Textarea,
    )
    cost = forms.CharField(
        label="What would it cost?",
        required=False,
        help_text="In pounds, for example 2500.",
    )
    group_name = forms.CharField(
        label="Who would run it? (optional)",
        required=False,
        help_text="A community group or organisation, if you know one.",
    )
    email = forms.CharField(
        label="Your e-mail address",
        required=False,
        help_text="We tell you what the officers decide, then delete it from your idea. It is "
        "never shown.",
    )
    postcode = forms.CharField(
        label="Your postcode",
        required=False,
        help_text="To check you live in the area. We keep only its first half, like CW1.",
    )


class VoteRequestForm(HoneypotMixin):
    email = forms.CharField(
        label="Your e-mail address",
        required=False,
        help_text="We send you a link to your ballot. Your address is never stored with your vote.",
    )
    postcode = forms.CharField(
        label="Your postcode",
        required=False,
        help_text="To check you live in the area. We keep only its first half, like CW1.",
    )


class Checkboxes(forms.CheckboxSelectMultiple):
    """Checkboxes whose field's label target is the first box (``id_projects``), so the
    GOV.UK error summary can link to it."""

    def id_for_label(self, id_, index=None):
        return id_ if index is None else f"{id_}_{index}"


def _choices(projects: list[BudgetingProject]) -> list[tuple[str, str]]:
    return [(str(p.pk), f"{p.title} ({format_money(p.cost)})") for p in projects]


class BallotForm(forms.Form):
    projects = forms.MultipleChoiceField(
        label="Choose the projects you want",
        required=False,
        widget=Checkboxes,
        error_messages={"invalid_choice": "Choose from the projects on this round's ballot."},
    )

    def __init__(self, *args, budgeting_round: BudgetingRound, projects, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["projects"].choices = _choices(projects)
        if budgeting_round.ballot_kind == BallotKind.APPROVAL:
            self.fields[
                "projects"
            ].label = f"Choose up to {budgeting_round.max_choices} projects you want"

    def project_ids(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data.get("projects", [])]


class PaperBallotForm(BallotForm):
    """What an officer copies from a paper ballot at an Area Assembly."""

    email = forms.CharField(
        label="Voter's e-mail address",
        required=False,
        help_text="If they gave one: then they cannot also vote online.",
    )
    name = forms.CharField(label="Voter's name", required=False, help_text="If no e-mail.")
    postcode = forms.CharField(label="Voter's postcode")
