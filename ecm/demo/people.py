"""The demo's people: one of each role, an inspector pair with a Lead, and council officers.

Every demo account signs in with DEMO_PASSWORD, and only while DEMO_MODE is on
(ecm.accounts.backends). The emails use the reserved .example domain.
"""

from dataclasses import dataclass

from ecm.accounts.roles import Role

SHARPSTON_LA_NUMBER = "990"  # not a real LA number: Sharpston is the handbook's made-up council
LEICESTERSHIRE_LA_NUMBER = "855"
CAMDEN_LA_NUMBER = "202"  # the demo's APA meeting (issue 6)
CORNWALL_LA_NUMBER = "908"  # the demo's letter (issue 7)
HAMPSHIRE_LA_NUMBER = "850"  # the demo's round in the 2007 cycle (issue 23 §1)


@dataclass(frozen=True)
class DemoPerson:
    email: str
    first_name: str
    last_name: str
    job_title: str
    roles: tuple[str, ...]
    council_la_number: str | None = None

    @property
    def inspectorate(self) -> str:
        """The inspectorate an inspectorate-side person works for, read off the demo's email
        domain (ofsted.example, csci.example; issue 24 §2-3); none for council officers and the
        independent panel member."""
        if self.council_la_number:
            return ""
        # An email domain has no "_": healthcare-commission.example is the Healthcare Commission.
        domain = self.email.split("@", 1)[1].removesuffix(".example").replace("-", "_")
        return (
            domain
            if domain
            in {"ofsted", "csci", "healthcare_commission", "audit_commission", "hmic", "cqc"}
            else ""
        )


DEMO_PEOPLE = [
    DemoPerson(
        "admin@ofsted.example",
        "Pat",
        "Okafor",
        "Programme administrator",
        (Role.PROGRAMME_ADMINISTRATOR,),
    ),
    DemoPerson("hmi@ofsted.example", "Helen", "Marsh", "HMI", (Role.HMI,)),
    DemoPerson("brm@csci.example", "Bilal", "Rahman", "Business relationship manager", (Role.BRM,)),
    DemoPerson("hmi2@ofsted.example", "Gareth", "Lloyd", "HMI", (Role.HMI, Role.MODERATOR)),
    DemoPerson("brm2@csci.example", "Sian", "Evans", "Business relationship manager", (Role.BRM,)),
    DemoPerson(
        "reader@ofsted.example",
        "Margaret",
        "Reid",
        "Ofsted management reader",
        (Role.MANAGEMENT_READER,),
    ),
    # The CSCI manager who reads the draft letters with the Ofsted management reader (002 §I
    # stage 1); the assignment needs the management reader role (ASSIGNMENT_NEEDS_ROLE).
    DemoPerson(
        "csci.manager@csci.example",
        "Colin",
        "Shaw",
        "CSCI manager",
        # Also a panel member: having read a council's draft letter, they are excluded from
        # its representation panels (002 §J), which the demo shows.
        (Role.MANAGEMENT_READER, Role.PANEL_MEMBER),
    ),
    DemoPerson("moderator@ofsted.example", "Martin", "Oduya", "Moderator", (Role.MODERATOR,)),
    # The joint area review's team from the other inspectorates and commissions (issue 24 §2;
    # 001: "drawn from the Healthcare Commission, the Audit Commission"): the review's pages
    # follow its team, and their role gives them nothing of the APA.
    DemoPerson(
        "inspector@healthcare-commission.example",
        "Ann",
        "Patel",
        "Healthcare Commission inspector",
        (Role.TEAM_INSPECTOR,),
    ),
    DemoPerson(
        "inspector@audit-commission.example",
        "Robert",
        "Kerr",
        "Audit Commission inspector",
        (Role.TEAM_INSPECTOR,),
    ),
    # The 2009 full inspection's team from the Care Quality Commission (issue 24 §3; 004).
    DemoPerson(
        "inspector@cqc.example",
        "Nadia",
        "Khan",
        "Care Quality Commission inspector",
        (Role.TEAM_INSPECTOR,),
    ),
    DemoPerson("panel1@csci.example", "Priya", "Nair", "CSCI manager", (Role.PANEL_MEMBER,)),
    DemoPerson("panel2@ofsted.example", "Peter", "Nolan", "Ofsted manager", (Role.PANEL_MEMBER,)),
    DemoPerson(
        "panel3@independent.example",
        "Ruth",
        "Ingram",
        "Independent person",
        (Role.PANEL_MEMBER,),
    ),
    # Enough managers for every panel of 002 §J: social care (two CSCI managers and an
    # independent person), education (three Ofsted managers), children's services (two and two).
    DemoPerson("panel4@csci.example", "Tom", "Hughes", "CSCI manager", (Role.PANEL_MEMBER,)),
    DemoPerson("panel5@ofsted.example", "Aisha", "Begum", "Ofsted manager", (Role.PANEL_MEMBER,)),
    DemoPerson("panel6@ofsted.example", "Ewan", "Fraser", "Ofsted manager", (Role.PANEL_MEMBER,)),
    DemoPerson(
        "link.officer@sharpston.example",
        "Lesley",
        "Owen",
        "Link officer",
        (Role.LINK_OFFICER,),
        SHARPSTON_LA_NUMBER,
    ),
    DemoPerson(
        "dcs@sharpston.example",
        "Jack",
        "Blade",
        "Director of Children's Services",
        (Role.DIRECTOR,),
        SHARPSTON_LA_NUMBER,
    ),
    DemoPerson(
        "link.officer@leicestershire.example",
        "Leo",
        "Hart",
        "Link officer",
        (Role.LINK_OFFICER,),
        LEICESTERSHIRE_LA_NUMBER,
    ),
    DemoPerson(
        "link.officer@camden.example",
        "Cara",
        "Mensah",
        "Link officer",
        (Role.LINK_OFFICER,),
        CAMDEN_LA_NUMBER,
    ),
    DemoPerson(
        "link.officer@cornwall.example",
        "Kerensa",
        "Pascoe",
        "Link officer",
        (Role.LINK_OFFICER,),
        CORNWALL_LA_NUMBER,
    ),
    DemoPerson(
        "link.officer@hampshire.example",
        "Harriet",
        "Lane",
        "Link officer",
        (Role.LINK_OFFICER,),
        HAMPSHIRE_LA_NUMBER,
    ),
    DemoPerson(
        "dcs@hampshire.example",
        "Hugh",
        "Fenwick",
        "Director of Children's Services",
        (Role.DIRECTOR,),
        HAMPSHIRE_LA_NUMBER,
    ),
]

# Each panel member's organisation and whether a manager (002 §J), registered by the demo.
DEMO_PANEL_MEMBERS = {
    "csci.manager@csci.example": ("csci", True),
    "panel1@csci.example": ("csci", True),
    "panel4@csci.example": ("csci", True),
    "panel2@ofsted.example": ("ofsted", True),
    "panel5@ofsted.example": ("ofsted", True),
    "panel6@ofsted.example": ("ofsted", True),
    "panel3@independent.example": ("independent", False),
}
