"""Residents' alerts (subscribe, confirm, unsubscribe, manage, the privacy notice).
None of these pages is kept in the page cache: each is about one address. A
signed-in person's choices of what they are sent are on their account's page
(``pace.site.accounts``), which may keep it for them."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from pace.core.cache import cache_params
from pace.core.clients import client_address

from . import subscriptions as alerts
from .forms import SubscribeForm
from .topics import topic_groups, topic_label


def _link_error(request, error: alerts.LinkError, status: int = 400):
    return render(request, "notifications/link_error.html", {"message": str(error)}, status=status)


@never_cache
def alerts_index(request):
    """``/alerts/``: everything a resident may follow, each with its subscribe link."""
    return render(request, "notifications/alerts_index.html", {"groups": topic_groups()})


@cache_params("topic")  # the only query parameter this page reads (pace.core.cache)
@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    """``/alerts/subscribe/?topic=...``: the address for one topic; the same answer
    whether or not the address already follows it."""
    topic = request.POST.get("topic") if request.method == "POST" else request.GET.get("topic")
    topic = (topic or "")[:100]
    label = topic_label(topic)
    if label is None:
        return render(
            request,
            "notifications/link_error.html",
            {"message": "There is nothing to follow at this address. Choose from the alerts page."},
            status=404,
        )
    form = SubscribeForm(request.POST or None, initial={"topic": topic})
    if request.method == "POST" and form.is_valid():
        try:
            alerts.subscription_request(
                email=form.cleaned_data["email"],
                topic=topic,
                client=client_address(request) or "unknown",
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            return render(
                request,
                "notifications/check_email.html",
                {"label": label, "email": form.cleaned_data["email"].strip()},
            )
    status = 400 if form.errors else 200
    return render(
        request,
        "notifications/subscribe.html",
        {"form": form, "label": label, "topic": topic},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """The link in the confirmation: a button, so a mail scanner opening the link
    confirms nothing; pressing it confirms."""
    confirmed = False
    try:
        subscription = alerts._by_token(token)
        if request.method == "POST":
            subscription, confirmed = alerts.subscription_confirm(token=token)
        elif alerts.subscription_expired(subscription):
            alerts.subscription_confirm(token=token)  # raises the expiry message
    except alerts.LinkError as error:
        return _link_error(request, error, status=404)
    return render(
        request,
        "notifications/confirm.html",
        {
            "subscription": subscription,
            "done": confirmed,
            "manage_path": alerts.manage_path(subscription.email),
        },
    )


@csrf_exempt  # RFC 8058: mail programs POST here with no cookie and no form token
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """The unsubscribe link and the ``List-Unsubscribe`` header. A GET shows a
    button (a scanner following links unsubscribes nobody); a POST, from that
    button or from a mail program's one-click unsubscribe, unsubscribes. Forging
    one needs the secret token, so the exemption from CSRF gives nothing away."""
    try:
        if request.method == "POST":
            subscription = alerts.subscription_cancel(token=token)
            return render(request, "notifications/unsubscribed.html", {"label": subscription.label})
        subscription = alerts._by_token(token)
    except alerts.LinkError as error:
        return _link_error(request, error, status=404)
    return render(request, "notifications/unsubscribe.html", {"subscription": subscription})


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token: str):
    """``/alerts/manage/<signed address>/``: an address's alerts, each with its own
    unsubscribe button, and one button to delete them all and the address."""
    try:
        address = alerts.manage_address(token)
    except alerts.LinkError as error:
        return _link_error(request, error)
    if request.method == "POST":
        count = alerts.subscriptions_delete_all(address=address)
        return render(request, "notifications/deleted.html", {"count": count})
    return render(
        request,
        "notifications/manage.html",
        {"address": address, "subscriptions": list(alerts.subscriptions_of(address))},
    )


def privacy(request):
    """``/alerts/privacy/``: what is kept about a resident who asks for alerts."""
    return render(request, "notifications/privacy.html")
