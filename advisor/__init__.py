"""Non-UI code of the citizens' adviser dashboard: data access, demo data, CLI."""

import warnings

import pandas as pd

# Text as plain Python strings (pandas 2's way), not pandas 3's Arrow-backed
# strings: every page builds dozens of small frames and looks up their
# columns, and with Arrow-backed column labels that took twice as long
# (Dialogmøde: about 40 ms a rerun). The option is deprecated for pandas 4,
# where this must be measured again; requirements.txt pins pandas 3.
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    pd.set_option("future.infer_string", False)
