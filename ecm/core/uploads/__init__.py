"""Uploads as untrusted input (issue 21 §1): the one place every upload path goes through.

- `documents`: council and inspector documents (self-assessment, JAR documents, information
  pack items, meeting notes, representation attachments): caps checked while reading, active
  content refused with what was found, stored names generated from the content's own type.
- `tables`: the files imported as rows (indicator data, the round's plan, JAR case lists,
  voluntary partner lists): caps on bytes, rows, columns and cell length while reading.
"""
