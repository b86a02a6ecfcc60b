"""The analysis stage's pages: the pack, the notebook (Step 1 and hypotheses), Steps 2-4."""
