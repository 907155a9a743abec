"""Signals other apps listen to, so that iki does not import them."""

from django.dispatch import Signal

# Sent inside the transaction that signs a Keputusan; receivers run in it too.
# Arguments: keputusan.
keputusan_ditetapkan = Signal()

# Sent inside the transaction that revokes a signed Keputusan: the year is measured by
# whichever decree is in force now (or none). Arguments: keputusan.
keputusan_dicabut = Signal()
