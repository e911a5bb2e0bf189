"""The domain: pack states, return codes, verdict rules, prescription match, adherence. Pure Python, no Qt."""
