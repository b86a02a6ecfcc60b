"""The analysis stage (002 §B-§F): information pack, evidence notebook, hypotheses and
judgements. Issue 5; so far only the consistency rules of 002 §E (consistency.py)."""
