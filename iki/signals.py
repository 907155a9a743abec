"""Signals other apps listen to, so that iki does not import them."""

from django.dispatch import Signal

# Sent inside the transaction that signs a Keputusan; receivers run in it too.
# Arguments: keputusan.
keputusan_ditetapkan = Signal()
