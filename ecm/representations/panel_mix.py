"""Who sits on a representation panel (002 §J): each judgement's mix of organisations and
managers, and its description in words for the refusals and the emails that name it."""

from ecm.representations.models import Organisation, RepresentedJudgement

# (organisation, manager) -> how many, for each judgement. 002 §J: social care "two CSCI
# managers and an external independent person"; education "three Ofsted managers"; children's
# services "a joint panel ... consisting of managers from CSCI and Ofsted", two of each here
# (ADR 0022) so that neither inspectorate outnumbers the other.
PANEL_MIX = {
    RepresentedJudgement.SOCIAL_CARE: {
        (Organisation.CSCI, True): 2,
        (Organisation.INDEPENDENT, False): 1,
    },
    RepresentedJudgement.EDUCATION: {(Organisation.OFSTED, True): 3},
    RepresentedJudgement.CHILDREN_SERVICES: {
        (Organisation.CSCI, True): 2,
        (Organisation.OFSTED, True): 2,
    },
}


def describe_mix(mix: dict) -> str:
    parts = []
    for (organisation, manager), count in sorted(mix.items()):
        what = Organisation(organisation).label
        if manager:
            what += " manager" + ("s" if count != 1 else "")
        elif organisation == Organisation.INDEPENDENT:
            what = "external independent person" + ("s" if count != 1 else "")
        else:
            what += " non-manager" + ("s" if count != 1 else "")
        parts.append(f"{count} {what}")
    return " and ".join(parts) or "nobody"


def panel_mix_described(judgement: str) -> str:
    return describe_mix(PANEL_MIX[RepresentedJudgement(judgement)])
