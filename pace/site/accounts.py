"""Signing in and out, each confirmed on the page that follows (GOV.UK notification
banner, from ``messages``). Signing in lands on the member's task list
(``LOGIN_REDIRECT_URL``) unless the sign-in page was given where to go back to. And
the signed-in person's choices of what they are sent."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from pace.core.access import is_officer
from pace.notifications.audiences import OFFICER_PERMISSION
from pace.notifications.forms import PreferencesForm
from pace.notifications.models import Kind
from pace.notifications.preferences import preferences_of, preferences_save
from partnerships.kept_pages import kept_for_reader

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


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
@kept_for_reader
def notification_choices(request):
    """``/account/notifications/``: what the signed-in person is sent, and how often.
    Kept for them (their choices are watched, ``PACE_WATCHED_MODELS``) until they
    save new ones. Template: notifications/preferences.html."""
    kinds = [kind for kind in Kind if kind != Kind.OFFICER_DIGEST]
    if is_officer(request.user, OFFICER_PERMISSION):
        kinds.append(Kind.OFFICER_DIGEST)
    form = PreferencesForm(
        request.POST or None, kinds=kinds, initial_choices=preferences_of(request.user)
    )
    if request.method == "POST" and form.is_valid():
        preferences_save(user=request.user, choices=form.cleaned_data)
        messages.success(request, "Your choices are saved.")
        return redirect("notification-choices")
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "has_email": bool(request.user.email)},
        status=400 if form.errors else 200,
    )
