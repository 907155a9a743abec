"""The Content-Security-Policy in a real browser: every page each demo role reaches
from its home page, the error pages and Django admin run with no violation, and the
behaviours that were inline scripts still work from static/js."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve
from playwright.sync_api import expect

from conftest import masuk

pytestmark = pytest.mark.browser

# Recorded from the first script of every page on: what the browser refused, and where.
PANTAU = """
window.__pelanggaran = [];
document.addEventListener("securitypolicyviolation", (e) => window.__pelanggaran.push(
  e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile + ":" + e.lineNumber + " " + e.sample));
"""
# Links a crawl does not follow: downloads, and what leaves the pages under test.
LEWATI = re.compile(r"/(pdf|xlsx|unduh|excel|bukti)/|/keluar/|/admin/|^/static/|^/media/")


class Pengamat:
    """Watches a browser context's pages (popups too) for policy violations: the DOM
    event and the console."""

    def __init__(self, halaman):
        self.halaman = halaman
        self.pelanggaran: list[str] = []
        halaman.context.add_init_script(PANTAU)
        halaman.context.on(
            "console",
            lambda m: "Content Security Policy" in m.text and self.pelanggaran.append(f"{m.page.url}: {m.text}"),
        )

    def buka(self, url: str, status: int = 200):
        respon = self.halaman.goto(url)
        assert respon.status == status, url
        assert "script-src 'self'" in respon.headers["content-security-policy"], url
        self.periksa()

    def periksa(self, halaman=None):
        halaman = halaman or self.halaman
        halaman.wait_for_load_state("load")
        # The event is queued as a task: let it fire before reading.
        halaman.evaluate("new Promise((r) => setTimeout(r, 30))")
        self.pelanggaran += [f"{halaman.url}: {p}" for p in halaman.evaluate("window.__pelanggaran || []")]
        assert not self.pelanggaran, "\n".join(self.pelanggaran)


def _jelajahi(pengamat: Pengamat, mulai: str = "/", per_halaman: int = 2, batas: int = 60) -> set[str]:
    """Open the pages a person reaches by links from `mulai`, at most `per_halaman` URLs
    of each view, and check each; returns the names of the views seen."""
    halaman = pengamat.halaman
    antre, dilihat, per_view = [mulai], set(), {}
    while antre and len(dilihat) < batas:
        url = antre.pop(0)
        if url in dilihat:
            continue
        try:
            nama = resolve(urlsplit(url).path).view_name
        except Resolver404:
            continue
        if per_view.get(nama, 0) >= per_halaman:
            continue
        per_view[nama] = per_view.get(nama, 0) + 1
        dilihat.add(url)
        pengamat.buka(url)
        for href in halaman.eval_on_selector_all("a[href]", "els => els.map((a) => a.getAttribute('href'))"):
            bagian = urlsplit(href)
            if bagian.scheme or bagian.netloc or not bagian.path.startswith("/") or LEWATI.search(bagian.path):
                continue
            antre.append(bagian.path + (f"?{bagian.query}" if bagian.query else ""))
    return set(per_view)


# Who walks the pages (demo logins), and views each must have reached.
PERAN = [
    # A staff member: the home page, their entries, the decree and its tree, reports.
    ("pengelola.kepegawaian", {"beranda", "capaian:saya", "capaian:realisasi", "iki:keputusan", "iki:pohon"}),
    # An atasan: the inbox and the entries behind the counts.
    ("kasubag.umum", {"capaian:tinjau", "capaian:realisasi", "laporan:capaian", "dasbor:realisasi"}),
    # The admin kinerja: periods, targets, the office dashboard.
    ("kasubag.kpep", {"capaian:kelola", "capaian:periode", "capaian:target", "dasbor:opd"}),
    # The city admin: the city dashboard, big reports.
    ("admin", {"dasbor:kota", "laporan:latar"}),
]


def test_every_page_each_role_reaches_runs_without_a_violation(demo, halaman):
    """One walk per role, in one test: loading the demo is the slow part."""
    pengamat = Pengamat(halaman)
    pengamat.buka("/masuk/")
    pengamat.buka("/tidak-ada/", status=404)
    for login, harus_terlihat in PERAN:
        masuk(halaman, login, "admin" if login == "admin" else "demo")
        terlihat = _jelajahi(pengamat)
        assert harus_terlihat <= terlihat, (login, harus_terlihat - terlihat)
    # The 403 page, as an inspector who may read but not manage.
    masuk(halaman, "pemeriksa", "demo")
    pengamat.buka("/kinerja/kelola/", status=403)


def test_the_behaviours_moved_to_static_scripts_still_work(demo, halaman):
    from capaian.models import Periode
    from organisasi.models import Jabatan, Opd

    opd = Opd.objects.get()
    tw1, tw2 = Periode.objects.filter(opd=opd, tahun=2020).order_by("nomor")[:2]
    pengamat = Pengamat(halaman)

    # The atasan's inbox: one box ticks every entry, and clears them again.
    masuk(halaman, "kasubag.umum", "demo")
    pengamat.buka("/kinerja/tinjau/")
    kotak = halaman.locator("input[name=pilih]")
    assert kotak.count() > 1
    halaman.get_by_label("Pilih semua").check()
    assert all(kotak.nth(i).is_checked() for i in range(kotak.count()))
    halaman.get_by_label("Pilih semua").uncheck()
    assert not any(kotak.nth(i).is_checked() for i in range(kotak.count()))

    # The admin kinerja's home page: progress bars as wide as their numbers.
    masuk(halaman, "kasubag.kpep", "demo")
    pengamat.periksa()
    bar = halaman.locator(".progress-bar[data-lebar]")
    assert bar.count() >= 1
    for i in range(bar.count()):
        lebar, penuh, persen = bar.nth(i).evaluate(
            """b => [b.getBoundingClientRect().width, b.parentElement.getBoundingClientRect().width,
                     Number(b.dataset.lebar)]"""
        )
        assert abs(lebar - penuh * persen / 100) < 1.5, (lebar, penuh, persen)

    # The office dashboard: choosing a period shows it at once; each bar chart's box is
    # as tall as its rows need.
    pengamat.buka(f"/dasbor/opd/{opd.pk}/?periode={tw2.pk}")
    halaman.get_by_label("Periode", exact=True).select_option(str(tw1.pk))
    expect(halaman).to_have_url(re.compile(rf"periode={tw1.pk}"))
    pengamat.periksa()
    tinggi = halaman.eval_on_selector_all(
        "[data-tinggi-dasar]",
        """els => els.map((d) => [
            d.getBoundingClientRect().height, Number(d.dataset.tinggiDasar), Number(d.dataset.tinggiBaris),
            JSON.parse(document.getElementById(d.firstElementChild.dataset.sumber).textContent).length])""",
    )
    assert tinggi
    for ukuran, dasar, baris, n in tinggi:
        assert ukuran == dasar + n * baris
    assert halaman.locator(".grafik-tren").evaluate("d => d.getBoundingClientRect().height") == 240

    # The targets page: one unit or one jabatan, the other emptied, shown at once.
    jabatan = Jabatan.objects.filter(unit__opd=opd).first()
    pengamat.buka(f"/kinerja/kelola/{opd.pk}/target/?jabatan={jabatan.pk}")
    unit = halaman.locator("#pilih-unit option").nth(1).get_attribute("value")
    halaman.get_by_label("Satu unit kerja").select_option(unit)
    expect(halaman).to_have_url(re.compile(rf"unit={unit}&jabatan=$"))
    pengamat.periksa()

    # The report page: sub-units indented by their depth.
    pengamat.buka("/laporan/capaian/")
    inden = halaman.eval_on_selector_all(
        "td[data-inden]", "els => els.map((td) => [Number(td.dataset.inden), getComputedStyle(td).paddingLeft])"
    )
    assert 0 in {t for t, _ in inden} and max(t for t, _ in inden) > 0
    assert all(pl == f"{t * 16}px" for t, pl in inden if t), inden

    # The decree: jump to a Jabatan's lampiran; the tree folds and unfolds whole.
    pengamat.buka("/iki/")
    halaman.get_by_role("link", name="050/8/DISKOMINFO-PP/2020").click()
    halaman.get_by_label("Pilih jabatan").select_option("jabatan-3")
    expect(halaman).to_have_url(re.compile(r"#jabatan-3$"))
    pengamat.periksa()
    halaman.get_by_role("link", name="Pohon kinerja").click()
    pengamat.periksa()
    detail = halaman.locator(".pohon details")
    halaman.get_by_role("link", name="Tutup semua").click()
    assert detail.evaluate_all("ds => ds.every((d) => !d.open)")
    halaman.get_by_role("link", name="Buka semua").click()
    assert detail.evaluate_all("ds => ds.length > 1 && ds.every((d) => d.open)")
    pengamat.periksa()


def test_django_admin_works_under_the_policy(demo, halaman):
    from capaian.models import Periode
    from iki.models import Keputusan
    from organisasi.models import Jabatan

    pengamat = Pengamat(halaman)
    masuk(halaman, "admin", "admin")
    pengamat.buka("/admin/")

    # A changelist action: tick the row, pick the action, run it.
    pengamat.buka("/admin/iki/keputusan/")
    halaman.locator("#action-toggle").check()
    expect(halaman.locator(".action-counter")).to_contain_text("1")
    halaman.locator("select[name=action]").select_option("salin_perubahan")
    halaman.locator("button[name=index]").click()
    expect(halaman.get_by_text("disalin menjadi")).to_be_visible()
    pengamat.periksa()
    assert Keputusan.objects.count() == 2

    # A change form's date widget: the calendar opens, "today" fills the field.
    periode = Periode.objects.filter(status="terbuka").order_by("nomor").first()
    pengamat.buka(f"/admin/capaian/periode/{periode.pk}/change/")
    n = halaman.locator("input.vDateField").evaluate_all("els => els.map((e) => e.id)").index("id_batas_lapor")
    halaman.locator("#id_batas_lapor").fill("")
    halaman.locator(f"#calendarlink{n}").click()
    expect(halaman.locator(f"#calendarbox{n}")).to_be_visible()
    halaman.locator(f"#calendarbox{n} .calendar-shortcuts a").nth(1).click()  # today
    expect(halaman.locator("#id_batas_lapor")).to_have_value(re.compile(r"^\d\d-\d\d-\d{4}$"))
    pengamat.periksa()

    # A related object's popup: change the Jabatan's unit in its own window, save, and
    # the Jabatan's form shows the new name.
    jabatan = Jabatan.objects.filter(unit__induk__isnull=False).first()
    pengamat.buka(f"/admin/organisasi/jabatan/{jabatan.pk}/change/")
    with halaman.expect_popup() as info:
        halaman.locator("#change_id_unit").click()
    jendela = info.value
    jendela.wait_for_load_state()
    pengamat.periksa(jendela)
    jendela.locator("#id_nama").fill("Unit Diganti Lewat Jendela")
    with jendela.expect_event("close"):
        jendela.locator("input[name=_save]").click()
    expect(halaman.locator("#id_unit option:checked")).to_have_text("Unit Diganti Lewat Jendela")
    # The autocomplete of the same form searches and picks.
    halaman.locator(".field-atasan .select2-selection").click()
    halaman.locator(".select2-search__field").fill("Kepala Dinas")
    halaman.locator(".select2-results__option", has_text="Kepala Dinas").first.click()
    expect(halaman.locator("#id_atasan option:checked")).to_contain_text("Kepala Dinas")
    pengamat.periksa()
