"""Reading a request's query string safely."""

from django.http import Http404


def id_query(request, nama: str) -> int | None:
    """An id from the query string (?unit=12): None when absent or empty; a 404 when it
    is not a positive whole number, instead of a database error."""
    nilai = request.GET.get(nama, "").strip()
    if not nilai:
        return None
    if not nilai.isdigit() or int(nilai) < 1:
        raise Http404(f"Parameter {nama} tidak dikenal.")
    return int(nilai)
