"""The unannounced inspection services' messages (issue 10 §3; 004), one place for their
wording: the pages show them and the tests assert them (DESIGN.md example 2)."""

import re

NOT_A_RECORDER = "Only inspectors and the programme administrator record unannounced inspections"
INSPECTION = "this inspection"  # what a stale save's refusal names
SENT_NO_CHANGE = "The letter was sent, so the inspection no longer changes"
NO_LEAD = "Choose the lead inspector"
LEAD_NOT_INSPECTOR = "The lead inspector must be an HMI or a business relationship manager"
NO_FIRST_DAY = "Enter the first day on site"
NO_LAST_DAY = "Enter the last day on site"
BEFORE_START = (
    "Unannounced inspections take place from 1 April 2009 (004): enter a first day on site on or "
    "after 1 April 2009"
)
NO_DAYS = "Enter the days the inspectors were on site, at least the first"
DUPLICATE_DAY = "Enter each day on site once: {day:%-d %B %Y} is given twice"
COUNCIL_NOT_THEN = (
    "{council} was not a council with children's services on {day:%-d %B %Y}: check the council "
    "and the days on site"
)
INSPECTORATE_CLOSED = (
    "{name} worked for the {body}, which did not exist on {day:%-d %B %Y}: choose an inspector "
    "whose inspectorate existed on the days on site"
)
DAYS_OUT_OF_ORDER = "The last day on site must be the same as or after the first day"
TOO_MANY_DAYS = (
    "Inspectors are not usually on site for more than {days} days (004): shorten the visit, or "
    "say it was exceptional and why"
)
NO_EXCEPTIONAL_REASON = "Say what exceptional circumstances kept the inspectors on site longer"
NO_CENTRES_COUNT = "Enter how many contact, referral and assessment centres the council has"
TOO_FEW_CENTRES = (
    "Name at least {required} centre{s} visited: the council has {count} (004: one or more, and "
    "at least two where there are more than five)"
)
MORE_VISITED_THAN_CENTRES = (
    "You named {visited} centres visited but the council has {count}: correct either number"
)
DUPLICATE_CENTRE = "Name each centre visited once"
NO_CASE_FILES = "Enter how many case files the inspectors scrutinised (0 if none yet)"
NO_STAFF = "Enter how many staff and managers the inspectors spoke to (0 if none yet)"
NEGATIVE = "Enter a number of 0 or more"
ONE_PER_YEAR = (
    "{council} already has an unannounced inspection in the inspection year {year} (004: the "
    "inspection is annual): change that inspection instead"
)
UNKNOWN_ASPECT = "{code} is not one of the nine aspects the inspectors evaluate (004)"
A_SCORE = (
    "The inspection is not scored (004): give the evaluation in words, without a number as a "
    "score or grade"
)
OUTCOME_CHANGE_REASON = (
    "Say why the outcome changes: it decides whether the full inspection is brought forward "
    "and whether the rating is limited"
)
UNKNOWN_OUTCOME = "Choose no concerns, some concerns or serious concerns"
NO_SENT_ON = "Enter the date the letter is sent"
SENT_BEFORE_VISIT = "The letter cannot be sent before the last day on site ({day:%-d %B %Y})"
SENT_IN_FUTURE = "The letter cannot be dated after today"
ALREADY_SENT = "The letter was already sent on {day:%-d %B %Y}"
ASPECTS_MISSING = "Evaluate each of the nine aspects (004) before sending the letter: {missing}"
NO_OUTCOME = (
    "Choose the outcome (no concerns, some concerns or serious concerns) before sending the letter"
)
RECIPIENTS_MISSING = "Name each recipient of the letter (004) before sending it: {missing}"
NO_BODY = "Write the letter before sending it"
NO_SCRUTINY = (
    "Record how many case files the inspectors scrutinised and how many staff and managers they "
    "spoke to before sending the letter (004)"
)

# "3/4", "score 3", "graded 2": numbers standing for a judgement on the four-point scale. Not
# "24/7" (out-of-hours cover), a date such as 1/4/2009, or "3 out of 4 teams".
SCORE = re.compile(
    r"(?<![\d/])[1-4]\s*/\s*4(?![\d/])|\b(?:score[sd]?|grade[sd]?|rated)\s*(?:of|at|as)?\s*\d",
    re.IGNORECASE,
)
