"""The leaders' side of a month: the review board (bình xét), each person's review, the shortcoming ledger,
approval and closing, amendments after closing, the person's acknowledgement or objection, the year overview."""
