"""Signals other apps listen to, so that iki does not import them."""

from django.dispatch import Signal

# Sent inside the transaction that signs a Keputusan; receivers run in it too.
# Arguments: keputusan.
keputusan_ditetapkan = Signal()

# Sent inside the transaction that revokes a signed Keputusan: the year is measured by
# whichever decree is in force now (or none). Arguments: keputusan.
keputusan_dicabut = Signal()

# Asked before an indicator's measurement (IndikatorKinerja.FIELD_PENGUKURAN) may be
# changed in admin: a receiver answers with the reason it must stay as it is, one
# Indonesian sentence, or with nothing. Arguments: indikator.
pengukuran_dikunci = Signal()


def alasan_pengukuran_dikunci(indikator) -> list[str]:
    """Why the measurement of `indikator` may not change now; empty when it may."""
    return [alasan for _, alasan in pengukuran_dikunci.send(sender=type(indikator), indikator=indikator) if alasan]
