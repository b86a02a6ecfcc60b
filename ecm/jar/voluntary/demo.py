"""Demo data of the JAR's voluntary part (issue 9 §4): six partners in order of significance
with varied natures of partnership, the questionnaire sent to three, two answered. Not wired
into ecm/demo: call `seed` from there when the JAR's demo is assembled."""

from ecm.jar.voluntary import services

PARTNERS = (
    ("Riverside Young Carers", "Respite breaks and support groups for young carers",
     "service_level_agreement", "Open tender in 2005, three-year agreement",
     "Quarterly returns and an annual review meeting", "Sits on the Children's Trust board"),
    ("Northgate Family Centre", "Family support and parenting courses", "contract",
     "Competitive tender through the council's framework", "Monthly performance indicators",
     "Consulted on the Children and Young People's Plan"),
    ("Open Door Youth Project", "Detached youth work in the east of the area", "spot_purchase",
     "Places bought case by case", "Reports on each placement", "Attends the youth forum"),
    ("Safe Steps Mentoring", "Mentoring for looked after children", "contract",
     "Negotiated contract", "Six-monthly review", "Member of the looked after children group"),
    ("Parkside Play Association", "Holiday play schemes", "informal",
     "", "", "Invited to the play strategy group"),
    ("Hillside Disabled Children's Group", "Saturday club for disabled children", "informal",
     "", "", ""),
)  # fmt: skip

ANSWERS = (
    {
        "partnership_working": "We meet the council's commissioners every month and feel heard.",
        "commissioning_and_grants": "The three-year agreement lets us plan; the tender was fair.",
        "safeguarding_and_support": "Our staff attend the safeguarding board's training.",
    },
    {
        "partnership_working": "Partnership is good at a senior level, patchier on the ground.",
        "commissioning_and_grants": "Annual monitoring is heavy for a contract of our size.",
        "safeguarding_and_support": "We had help writing our child protection policy.",
    },
)


def seed(*, review, council_user, lead) -> None:
    partners = [
        services.partner_add(
            actor=council_user,
            review=review,
            name=name,
            services=what,
            nature=nature,
            commissioning=commissioning,
            monitoring=monitoring,
            strategic_planning=planning,
        )
        for name, what, nature, commissioning, monitoring, planning in PARTNERS
    ]
    sent = services.questionnaires_send(actor=lead, review=review, partners=partners[:3])
    for link, answers in zip(sent, ANSWERS, strict=False):
        services.questionnaire_answer(questionnaire=link.questionnaire, answers=answers)
