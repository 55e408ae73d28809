"""Example consultations: the consultation on the refresh of Ambition for All
(cabinet report 2.1 and 7.2.1), its outcome and an equality impact assessment of the
refreshed strategy (7.2.2), and an Area Board's consultation on a local issue that
is open on the day the data is loaded, taking responses online, with responses in
it (their questions and responses: ``consultation_responses``). The reasons and
criteria come from the cabinet report (1.1-1.6 and 5.3); the responses, the
outcome, "you said, we did" and the assessment's findings are illustrative.
Idempotent: each record is found by its natural key first and left alone if it
exists."""

import datetime
import importlib

from django.db import transaction
from django.utils import timezone

from pace.exampledata import consultation_responses
from partnerships.models import Body
from strategy.consultations import services as services
from strategy.consultations.models import (
    Audience,
    Consultation,
    ConsultationDocument,
    EqualityImpactAssessment,
    Impact,
    ProposalStage,
    ProtectedCharacteristic,
)
from strategy.models import Strategy

REFRESH_SLUG = "ambition-for-all-refresh-2016"
LOCAL_SLUG = "crewe-and-nantwich-participatory-budgeting-priorities"

REFRESH_PURPOSE = (
    "Ambition for All, the Sustainable Community Strategy 2010-2025, is being reviewed and "
    "refreshed so that it stays fit for purpose and drives change on the priorities people "
    "have identified. The refreshed strategy will go live in April 2017 for three years. We "
    "want partners and residents to help shape it before it is written."
)
REFRESH_REASONS = (
    "Working well with partners has never been more important, as money becomes tighter and "
    "our population grows and lives longer. To realise our ambitions we need to focus on total "
    "public service transformation, to reduce demand on services and support economic "
    "prosperity (cabinet report, 1.1). The current strategy needs reviewing to stay fit for "
    "purpose (1.2), and the success of a revised strategy depends on how well public services "
    "work together and how far people living in Cheshire East are involved (5.2).\n\n"
    "The proposal is a strategy with the vision of a better future for Cheshire East where all "
    "organisations work together as one system (1.6), with these outcomes: all our people, "
    "regardless of age, gender or ethnicity, realise and fulfil their potential; people are "
    "able and supported to live independent, active and healthy lives; people are involved in "
    "local decisions (5.3)."
)
REFRESH_CRITERIA = (
    "The strategy will be decided on these questions (cabinet report, 5.3):\n"
    "- What do our communities need and want?\n"
    "- Who are our communities and who are our key partners?\n"
    "- Which objectives and priorities do the partners share?\n"
    "- How can we work together to deliver them (governance, accountability, pooled budgets)?\n"
    "- How will we monitor progress and show what success looks like?\n"
    "- Which priorities should year 1 of the refreshed strategy deliver through the "
    "partnership action plan?\n"
    "What communities tell us they need, and the priorities partners will commit resources "
    "to, will weigh most."
)
REFRESH_HOW = (
    "Answer the online survey, come to your Area Assembly, or write to the Partnerships and "
    "Communities team, Cheshire East Council, Westfields, Middlewich Road, Sandbach CW11 1HZ."
)
POSTAL_ADDRESS = (
    "Partnerships and Communities team\nCheshire East Council\nWestfields, Middlewich Road\n"
    "Sandbach CW11 1HZ"
)
#: Who to contact about the example consultations (published with them).
CONTACT = {
    "contact_name": "Partnerships and Communities team, Cheshire East Council",
    "contact_email": "partnerships@example.org",
    "contact_telephone": "0300 123 5500",
}
REFRESH_SUMMARY = (
    "Most respondents supported the three proposed outcomes. Many asked for the strategy to "
    "say more about older people living alone and about transport in rural areas; businesses "
    "asked for a clearer link to economic growth; voluntary and community groups asked to be "
    "involved in commissioning, not only consulted."
)
REFRESH_OUTCOME = (
    "The refreshed strategy, Ambition for All: Partnership Strategy 2017-2020, was drafted "
    "for the Leaders Board with the three outcomes and the seven priorities for action, and "
    "with the changes below."
)
YOU_SAID_WE_DID = [
    (
        "Older people living alone are at risk of loneliness and poor health.",
        "We made preparing for an increasingly older population a priority for year 1, with "
        "an action owned by the Health and Wellbeing Board.",
    ),
    (
        "Transport in rural areas stops people getting to services and jobs.",
        "The Area Boards will bring rural transport into their Area Plans, and the Leaders "
        "Board will review it with the bus operators.",
    ),
    (
        "The voluntary, community and faith sector should help decide what is commissioned.",
        "The sector has a seat on the Leaders Board, and town partnerships will be "
        "commissioned for outcomes from 2017/18 with the sector involved.",
    ),
]
REFRESH_IMPACTS = {
    ProtectedCharacteristic.AGE: (
        Impact.NEGATIVE,
        "Positive for young people and older people through the priorities for them; but "
        "services moving online could exclude older people without internet access.",
        "Every service change in the action plans keeps a telephone and face-to-face route; "
        "Area Assemblies and libraries help people get online.",
    ),
    ProtectedCharacteristic.DISABILITY: (
        Impact.POSITIVE,
        "The outcome on independent, active and healthy lives supports disabled people.",
        "",
    ),
    ProtectedCharacteristic.GENDER_REASSIGNMENT: (
        Impact.NEUTRAL,
        "No different impact identified.",
        "",
    ),
    ProtectedCharacteristic.MARRIAGE: (Impact.NEUTRAL, "No different impact identified.", ""),
    ProtectedCharacteristic.PREGNANCY: (
        Impact.POSITIVE,
        "Public health priorities include support in pregnancy and early years.",
        "",
    ),
    ProtectedCharacteristic.RACE: (
        Impact.POSITIVE,
        'The first outcome applies "regardless of ethnicity".',
        "",
    ),
    ProtectedCharacteristic.RELIGION: (
        Impact.NEUTRAL,
        "No different impact identified; faith groups are consulted through the VCF sector.",
        "",
    ),
    ProtectedCharacteristic.SEX: (
        Impact.POSITIVE,
        'The first outcome applies "regardless of gender".',
        "",
    ),
    ProtectedCharacteristic.SEXUAL_ORIENTATION: (
        Impact.UNKNOWN,
        "Too little local evidence to judge.",
        "",
    ),
}


def _audiences(*slugs: str) -> list[Audience]:
    """The standard audiences, put back if the table was emptied since the migration
    that seeds them ran (a flushed database, say)."""
    if Audience.objects.filter(slug__in=slugs).count() < len(slugs):
        seed = importlib.import_module("strategy.migrations.0003_seed_audiences")
        for slug, name, description, position in seed.AUDIENCES:
            Audience.objects.get_or_create(
                slug=slug,
                defaults={"name": name, "description": description, "position": position},
            )
    return list(Audience.objects.filter(slug__in=slugs))


@transaction.atomic
def load(*, refresh: Strategy) -> dict[str, int]:
    _refresh_consultation(refresh)
    _local_consultation()
    local = Consultation.objects.filter(slug=LOCAL_SLUG).first()
    if local is not None and not local.questions.exists():
        for name, value in CONTACT.items():  # made before consultations said whom to contact
            setattr(local, name, getattr(local, name) or value)
        consultation_responses.local_responses(local)
    _refresh_assessment(refresh)
    return {
        "consultations": Consultation.objects.count(),
        "equality impact assessments": EqualityImpactAssessment.objects.count(),
    }


def _refresh_consultation(refresh: Strategy) -> None:
    if Consultation.objects.filter(slug=REFRESH_SLUG).exists():
        return
    consultation = services.consultation_save(
        consultation=Consultation(
            slug=REFRESH_SLUG,
            title="Refreshing Ambition for All: the partnership strategy 2017-2020",
            strategy=refresh,
            purpose=REFRESH_PURPOSE,
            stage=ProposalStage.FORMATIVE,
            reasons=REFRESH_REASONS,
            decision_criteria=REFRESH_CRITERIA,
            opens_on=datetime.date(2016, 10, 3),
            closes_on=datetime.date(2016, 12, 16),
            how_to_respond=REFRESH_HOW,
            response_email="partnerships@example.org",
            response_postal_address=POSTAL_ADDRESS,
            response_events="The Area Assemblies in October and November 2016.",
            responses_summary=REFRESH_SUMMARY,
            **CONTACT,
            outcome=REFRESH_OUTCOME,
            is_published=True,
            is_illustrative=True,
        ),
        audiences=_audiences(
            "general-public", "stakeholders", "vcf-sector", "businesses", "hard-to-reach-groups"
        ),
    )
    ConsultationDocument.objects.create(
        consultation=consultation,
        position=1,
        title="Ambition for All: Sustainable Community Strategy 2010-2025",
        url="http://www.cheshireeast.gov.uk/council_and_democracy/community/"
        "pace_strategic_partnerships/sustainable_community_strategy.aspx",
        file_details="Web page",
    )
    points = [
        services.consultation_feedback_add(
            consultation=consultation, you_said=said, we_did=did, position=i
        )
        for i, (said, did) in enumerate(YOU_SAID_WE_DID, 1)
    ]
    consultation_responses.refresh_responses(consultation, points)
    services.consultation_outcome_publish(
        consultation=consultation, by=None, on=datetime.date(2017, 3, 14)
    )


def _local_consultation() -> None:
    board = Body.objects.filter(slug="crewe-and-nantwich-area-board").first()
    if board is None or Consultation.objects.filter(slug=LOCAL_SLUG).exists():
        return
    today = timezone.localdate()
    services.consultation_save(
        consultation=Consultation(
            slug=LOCAL_SLUG,
            title="Participatory budgeting in Crewe and Nantwich: which health projects first?",
            area_board=board,
            local_issue=(
                "The first phase of participatory budgeting for public health outcomes "
                "(cabinet report 5.6.3). Which local health needs should the Area Board's "
                "share fund first: healthy eating, getting active, loneliness, or mental "
                "wellbeing?"
            ),
            purpose=(
                "Residents will vote on projects later in the year. First we are asking which "
                "health needs matter most in Crewe and Nantwich, so that the projects put to "
                "the vote address them."
            ),
            stage=ProposalStage.FORMATIVE,
            reasons=(
                "The Area Board runs participatory budgeting so that local people decide how "
                "money for public health outcomes is spent in their area (cabinet report "
                "5.6.3). The public health data show four needs in the area; there is money "
                "for some, not all, in the first round."
            ),
            decision_criteria=(
                "How many people name each need, the public health evidence for it in Crewe "
                "and Nantwich, and whether a community project can make a difference to it "
                "within a year."
            ),
            opens_on=today - datetime.timedelta(days=20),
            closes_on=today + datetime.timedelta(days=10),
            how_to_respond=(
                "Tell us online, at the Area Assembly, at Crewe and Nantwich libraries, or by "
                "post. Paper copies of the questions are at the libraries."
            ),
            response_postal_address=POSTAL_ADDRESS,
            response_events="Crewe and Nantwich Area Assembly; drop-in sessions at Crewe and "
            "Nantwich libraries.",
            # Published with its online form once its questions are in
            # (consultation_responses.local_responses).
            is_published=False,
            is_illustrative=True,
            **CONTACT,
        ),
        audiences=_audiences("general-public", "vcf-sector", "hard-to-reach-groups"),
    )


def _refresh_assessment(refresh: Strategy) -> None:
    if EqualityImpactAssessment.objects.filter(strategy=refresh).exists():
        return
    assessment = services.assessment_create(
        strategy=refresh,
        summary=(
            "The refreshed strategy is expected to advance equality of opportunity, chiefly "
            "through its first outcome (regardless of age, gender or ethnicity). One negative "
            "impact, on older people without internet access, is mitigated."
        ),
    )
    for characteristic, (impact, evidence, mitigation) in REFRESH_IMPACTS.items():
        services.assessment_impact_set(
            assessment=assessment,
            characteristic=characteristic,
            impact=impact,
            evidence=evidence,
            mitigation=mitigation,
        )
    services.assessment_complete(
        assessment=assessment,
        completed_by="Partnerships and Communities team",
        on=datetime.date(2017, 1, 20),
    )
