"""Arabic: Django defines the date and the time but not the two together, so a date with
its time fell back to the English pattern ("ديسمبر 25, 2026, 12:40 ص"). Django's own
Arabic formats give everything else."""

DATETIME_FORMAT = "j F، Y، g:i A"
SHORT_DATETIME_FORMAT = "d\u200f/m\u200f/Y g:i A"
