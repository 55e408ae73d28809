"""The sign-in form."""

from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator


class SignInForm(AuthenticationForm):
    """Django's sign-in form, refusing a username longer than any account can have
    before it is checked. Django sets the field's ``max_length`` only after the
    field is built, so it is never validated; a longer name went on to the failed
    sign-in record of django-axes, whose column is shorter, and PostgreSQL refused
    it with a server error."""

    def __init__(self, request=None, *args, **kwargs) -> None:
        super().__init__(request, *args, **kwargs)
        limit = self.fields["username"].max_length
        self.fields["username"].validators.append(
            MaxLengthValidator(limit, message=f"Enter a username of {limit} characters or fewer.")
        )
