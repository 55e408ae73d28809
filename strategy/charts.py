"""Small server-rendered SVG charts. Every chart comes with a table of the same
figures on the page, so nobody depends on seeing it."""

from decimal import Decimal

from django.utils.html import format_html, format_html_join

from strategy.models import Measure, MeasureValue

WIDTH, HEIGHT, PAD = 320, 160, 28


def measure_chart(measure: Measure, values: list[MeasureValue]) -> str:
    """A line of the measure's values over time, with its target as a dashed line."""
    if not values:
        return ""
    figures = [v.value for v in values] + [measure.target, measure.baseline]
    low, high = min(figures), max(figures)
    span = (high - low) or Decimal(1)
    step = (WIDTH - 2 * PAD) / max(len(values) - 1, 1)

    def y(value: Decimal) -> float:
        return round(HEIGHT - PAD - float((value - low) / span) * (HEIGHT - 2 * PAD), 1)

    points = [(round(PAD + i * step, 1), y(v.value)) for i, v in enumerate(values)]
    target_y = y(measure.target)
    line = " ".join(f"{x},{py}" for x, py in points)
    dots = format_html_join("", '<circle cx="{}" cy="{}" r="4"></circle>', points)
    summary = (
        f"{measure.title}: from {values[0].value} to {values[-1].value} {measure.unit} "
        f"between {values[0].measured_on:%-d %B %Y} and {values[-1].measured_on:%-d %B %Y}; "
        f"target {measure.target} {measure.unit}."
    )
    return format_html(
        '<svg class="pace-chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'aria-labelledby="chart-{pk}-title"><title id="chart-{pk}-title">{summary}</title>'
        '<line class="pace-chart__axis" x1="{pad}" y1="{base}" x2="{right}" y2="{base}"></line>'
        '<line class="pace-chart__target" x1="{pad}" y1="{ty}" x2="{right}" y2="{ty}"></line>'
        '<text class="pace-chart__label" x="{right}" y="{ty_label}" text-anchor="end">'
        "Target {target}</text>"
        '<polyline class="pace-chart__line" points="{line}"></polyline>{dots}</svg>',
        w=WIDTH,
        h=HEIGHT,
        pk=measure.pk,
        summary=summary,
        pad=PAD,
        base=HEIGHT - PAD,
        right=WIDTH - PAD,
        ty=target_y,
        ty_label=max(target_y - 6, 10),
        target=measure.target,
        line=line,
        dots=dots,
    )
