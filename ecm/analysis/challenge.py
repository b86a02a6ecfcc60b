"""The handbook's challenge questions, as prompts on Steps 2-4 of the notebook (issue 23 §2;
002 §E.iii-iv), quoted exactly.

002 §E.iv: "When making the overall judgement ensure the evidence is secure, challenge your
assumptions and establish key reasons for your decision. Ask yourselves, for example:" and one
question for each grade of the four-point scale; and "Place emphasis on distinguishing endemic
strengths or weaknesses in systems, procedures and practice from more isolated examples of
success or problem areas." 002 §E.iii gives the questions to ask in reaching the judgement on
each outcome area.

Kept here rather than in the framework's YAML: the framework holds what is judged (outcomes,
key judgements, the scales and their descriptors, shared with the joint area review), while
these are the APA handbook's procedure for reaching its overall judgement. Putting them there
would change the framework's schema and models for prompts only the notebook shows.
"""

from dataclasses import dataclass

SOURCE = "the handbook, section E.iv"
SOURCE_QUESTIONS = "the handbook, section E.iii"

INTRODUCTION = (
    "When making the overall judgement ensure the evidence is secure, challenge your "
    "assumptions and establish key reasons for your decision. Ask yourselves, for example:"
)

# 002 §E.iv, one for each grade of the four-point scale.
GRADE_QUESTIONS: dict[int, str] = {
    4: (
        "If we judge children's services overall as delivering well above minimum requirements "
        "for users, do we have secure evidence that at least one service is delivering at this "
        "level, and that actions taken in both services are contributing significantly to "
        "improving outcomes for children and young people? What capacity does the council "
        "demonstrate to sustain and build on these strengths?"
    ),
    3: (
        "If we judge children's services overall as consistently delivering above minimum "
        "requirements for users, do we have secure evidence that the balance of strengths "
        "across both services and capacity to improve is consistent? What are the good "
        "features? Are there any excellent characteristics? What is the direction of travel?"
    ),
    2: (
        "If we judge children's services overall as delivering only minimum requirements for "
        "its users, does the balance of judgements across all outcomes indicate that services "
        "together are making an adequate contribution to the outcomes for children and young "
        "people? How endemic or systemic are identified weaknesses? What capacity does the "
        "council demonstrate it has to address these weaknesses?"
    ),
    1: (
        "If we judge children's services overall as not delivering minimum requirements for "
        "users, does the balance of judgements indicate significant weaknesses in processes and "
        "practice? Are there any areas where minimum requirements are being delivered to users? "
        "How far do identified weaknesses present barriers to improvement? What capacity does "
        "the council demonstrate it has to address these weaknesses?"
    ),
}

# 002 §E.iv.
ENDEMIC_OR_ISOLATED = (
    "Place emphasis on distinguishing endemic strengths or weaknesses in systems, procedures "
    "and practice from more isolated examples of success or problem areas."
)

# 002 §E.iii, "Questions to ask", for each outcome area.
AREA_QUESTIONS: tuple[str, ...] = (
    "What does the performance data and other existing evidence show about the outcomes "
    "achieved by children and young people (refer, where appropriate, to particular groups of "
    "children and young people)",
    "Are there any weaknesses which require improvement?",
    "Have these weaknesses been identified in the self assessment?",
    "Is the strategy which has been devised to tackle the weaknesses appropriate, feasible and "
    "likely to lead to improvement?",
    "Is there any evidence that services are working together effectively?",
    "How far have the views of children and young people been gathered and used to make "
    "improvements",
    "Have strategies and initiatives enhanced equality of opportunities and ensured a positive "
    "approach to diversity?",
    "Is there any evidence of impact and improvement and if not what steps have been taken to "
    "modify the strategy?",
)


@dataclass(frozen=True)
class GradeQuestion:
    grade: int
    text: str
    current: bool


@dataclass(frozen=True)
class Challenge:
    """What a step's page prompts: the question for the grade chosen first (if one is), the
    others after it, endemic or isolated, and for Step 2 the area questions."""

    grade: int | None
    questions: tuple[GradeQuestion, ...]
    area_questions: tuple[str, ...] = ()
    introduction: str = INTRODUCTION
    endemic_or_isolated: str = ENDEMIC_OR_ISOLATED
    source: str = SOURCE
    source_questions: str = SOURCE_QUESTIONS

    @property
    def chosen(self) -> GradeQuestion | None:
        return next((q for q in self.questions if q.current), None)


def challenge(*, grade: int | None, area: bool = False) -> Challenge:
    """The prompts for a step whose overall (or indicative) grade is `grade`, or None."""
    questions = tuple(
        GradeQuestion(value, text, value == grade) for value, text in GRADE_QUESTIONS.items()
    )
    return Challenge(grade, questions, AREA_QUESTIONS if area else ())
