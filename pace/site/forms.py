"""The sign-in form, the search's filters, and the filters of the decision log and
the forward plan."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator

from partnerships.forms import UNKNOWN_BODY, PeriodForm, SlugChoiceField
from partnerships.models import Body, Decision, ForwardPlanEntry
from strategy.models import Priority

from . import search as site_search


class PriorityChoiceField(SlugChoiceField):
    """A priority, chosen by its number (a priority's slug is its strategy's own)."""

    def __init__(self, *, queryset, **kwargs) -> None:
        forms.ModelChoiceField.__init__(self, queryset=queryset, **kwargs)

    def label_from_instance(self, obj) -> str:
        return f"{obj.strategy.title}: {obj.title}"

    def options(self) -> list[tuple[str, str]]:
        return [
            (str(pk), f"{strategy}: {title}")
            for pk, strategy, title in self.queryset.values_list("pk", "strategy__title", "title")
        ]


class SignInForm(AuthenticationForm):
    """Django's sign-in form, refusing a username longer than any account can have
    before it is checked. Django sets the field's ``max_length`` only after the
    field is built, so it is never validated; a longer name went on to the failed
    sign-in record of django-axes, whose column is shorter, and PostgreSQL refused
    it with a server error."""

    def __init__(self, request=None, *args, **kwargs) -> None:
        super().__init__(request, *args, **kwargs)
        # Each field says what it needs: the error summary listed "This field is
        # required." twice, once for each, with nothing to tell them apart.
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        limit = self.fields["username"].max_length
        self.fields["username"].validators.append(
            MaxLengthValidator(limit, message=f"Enter a username of {limit} characters or fewer.")
        )


class DecisionFilterForm(PeriodForm):
    """The decision log's filters: a period (as a person's attendance has), words,
    the body that decided and the strategy priority served. A field in error
    filters nothing."""

    q = forms.CharField(label="Search the decisions", required=False, max_length=200)
    body = SlugChoiceField(
        label="Decided by",
        queryset=Body.objects.filter(
            pk__in=Decision.objects.public().values("meeting__body")
        ).order_by("name"),
        required=False,
        empty_label="Any body",
        error_messages={"invalid_choice": UNKNOWN_BODY},
    )
    priority = PriorityChoiceField(
        label="Strategy priority",
        queryset=Priority.objects.filter(
            pk__in=Decision.objects.public().values("priorities")
        ).order_by("strategy__title", "position"),
        required=False,
        empty_label="Any priority",
        error_messages={"invalid_choice": "Choose a priority from the list."},
    )


class ForwardPlanFilterForm(forms.Form):
    body = SlugChoiceField(
        label="Body",
        queryset=Body.objects.filter(pk__in=ForwardPlanEntry.objects.values("body")).order_by(
            "name"
        ),
        required=False,
        empty_label="Any body",
        error_messages={"invalid_choice": UNKNOWN_BODY},
    )


class SearchForm(PeriodForm):
    """The search page's words and filters: the type of record, the body it belongs
    to and a period its date falls in. A field in error filters nothing. Words
    longer than the limit are cut there (the page says so), not refused."""

    q = forms.CharField(label="Words to search for", required=False, strip=True)
    type = forms.ChoiceField(
        label="Type",
        required=False,
        error_messages={"invalid_choice": "Choose a type from the list."},
    )
    body = SlugChoiceField(
        label="Body",
        queryset=Body.objects.current().order_by("name"),
        required=False,
        empty_label="Any body",
        error_messages={"invalid_choice": UNKNOWN_BODY},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Whatever is typed is searched for, cleaned (``search.clean_query``): a
        # control character is dropped there rather than refused here.
        self.fields["q"].validators = []
        self.fields["type"].choices = [("", "All types")] + [
            (source.kind, source.label) for source in site_search.sources()
        ]
