"""Signing in and out, each confirmed on the page that follows (GOV.UK notification
banner, from ``messages``). Signing in lands on the member's task list
(``LOGIN_REDIRECT_URL``) unless the sign-in page was given where to go back to."""

from django.contrib import messages
from django.contrib.auth import views as auth_views

from .forms import SignInForm


class SignInView(auth_views.LoginView):
    authentication_form = SignInForm

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.get_user()
        name = getattr(getattr(user, "person", None), "name", "") or user.get_username()
        messages.success(self.request, f"You are signed in as {name}.")
        return response


class SignOutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        # After signing out the session is empty; the message goes in its cookie.
        messages.success(request, "You have signed out.")
        return response
