"""One way to send mail: templates/emails/<nama>-subject.txt, -body.txt and -body.html
(as healthchecks' hc/lib/emails.py). Callers send after commit, so a rolled-back
change never mails anyone."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def kirim(nama: str, kepada: list[str], konteks: dict) -> int:
    """Send one message to each address (recipients do not see each other). Returns how
    many were sent; addresses that are empty are skipped."""
    kepada = sorted({k for k in kepada if k})
    if not kepada:
        return 0
    subjek = " ".join(render_to_string(f"emails/{nama}-subject.txt", konteks).split())
    teks = render_to_string(f"emails/{nama}-body.txt", konteks)
    html = render_to_string(f"emails/{nama}-body.html", konteks)
    terkirim = 0
    for alamat in kepada:
        pesan = EmailMultiAlternatives(subjek, teks, settings.DEFAULT_FROM_EMAIL, [alamat])
        pesan.attach_alternative(html, "text/html")
        terkirim += pesan.send()
    return terkirim
