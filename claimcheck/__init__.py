"""claimcheck: a numerical-claim contradiction checker for French and English news.

    import claimcheck
    claims = claimcheck.extract("Plus de 10 000 soldats ont été envoyés, selon Séoul.", lang="fr")
    report = claimcheck.check(["seeds/"])
    numbers = claimcheck.find_numbers("plus de 7.000 soldats", "fr")
"""

from __future__ import annotations

from .api import check, extract, extract_batch, find_numbers
from .models import Article, Claim, EventDate, Extraction, Finding, NumberMention, Report, Skipped

__version__ = "0.1.0"

__all__ = [
    "Article", "Claim", "EventDate", "Extraction", "Finding", "NumberMention", "Report", "Skipped",
    "check", "extract", "extract_batch", "find_numbers", "__version__",
]
