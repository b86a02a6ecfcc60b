"""The APA meeting (002 §G): arranging it with the council, the agenda drafted from the
notebook and agreed by email, the notes of the meeting and the interim judgements in words.

- arrangements: the date agreed with the council, who chairs and opens, the attendees;
- agenda: drafted from the notebook, saved, sent to the council, the council's answer;
- notes: the notes of the meeting, the interim judgements, the date held, the notes shared;
- common: the meeting's lock, the messages and the email to the council they share.

Every write is audited. The council sees only what has been sent to it (MeetingRecord), and
nothing sent to it may state a grade (002 §A: "Actual grades will not be published until a
later stage")."""
