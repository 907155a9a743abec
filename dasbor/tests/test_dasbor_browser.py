"""The dashboards' charts as Chromium draws them: values printed where they can be read,
names that start readable, labels inside the plot, a segment that opens its entries,
and a navbar that stays on one line."""

import json
from decimal import Decimal as D

import pytest
from playwright.sync_api import expect

from capaian import services
from capaian.tests.conftest import isi
from conftest import masuk

pytestmark = pytest.mark.browser

PANJANG = (
    "Bidang Pengelolaan Teknologi Informasi, Persandian, Statistik Sektoral dan Layanan "
    "Aplikasi Pemerintahan Berbasis Elektronik"
)


def _setujui(ind, periode, pelaksana, atasan, nilai):
    r = services.realisasi_ajukan(realisasi=isi(ind, periode, pelaksana, nilai=D(nilai)), pengguna=pelaksana)
    services.realisasi_setujui(realisasi=r, pengguna=atasan, sebagai="Kasubag Umum")


def _kanvas(halaman, grafik, sumber):
    pilih = f"canvas[data-grafik={grafik}][data-sumber={sumber}]"
    halaman.wait_for_function(f"() => document.querySelector('{pilih}')?.dataset.label")
    return pilih


@pytest.fixture
def setahun(kinerja, pelaksana, atasan, seed):
    """TW I: all six of the Pengelola Kepegawaian's indicators approved; TW II: three of
    them, lower. The E-Government Bidang gets a very long name."""
    for ind in kinerja.indikator:
        _setujui(ind, kinerja.tw1, pelaksana, atasan, 3)
    for ind in kinerja.indikator[:3]:
        _setujui(ind, kinerja.tw2, pelaksana, atasan, 2)
    unit = seed.kabid_egov.unit
    unit.nama = PANJANG
    unit.save()
    return kinerja


def test_status_chart_prints_its_counts_and_a_segment_opens_its_entries(
    transactional_db, setahun, admin_kinerja, seed, halaman
):
    masuk(halaman, "adminkinerja")
    halaman.goto(f"/dasbor/opd/{seed.opd.pk}/?periode={setahun.tw1.pk}")
    pilih = _kanvas(halaman, "status", "data-unit")
    label = json.loads(halaman.locator(pilih).get_attribute("data-label"))
    tercetak = {(lbl["di"], lbl["teks"]) for lbl in label}
    # Sekretariat: 6 approved of 41; the wide segments carry their count, every bar its total.
    assert ("Sekretariat · Disetujui", "6") in tercetak
    assert ("Sekretariat · Belum diisi", "35") in tercetak
    assert ("Sekretariat · Jumlah", "41") in tercetak
    # Click the approved segment of Sekretariat: its approved entries open.
    titik = halaman.evaluate(
        """(pilih) => {
            const c = Chart.getChart(document.querySelector(pilih));
            const i = c.data.labels.indexOf("Sekretariat");
            const bar = c.getDatasetMeta(4).data[i];
            return {x: (bar.x + bar.base) / 2, y: bar.y};
        }""",
        pilih,
    )
    halaman.locator(pilih).click(position=titik)
    expect(halaman.get_by_role("heading", name="Realisasi Triwulan I 2020")).to_be_visible()
    expect(halaman.get_by_text("Hanya Sekretariat dan unit di bawahnya.")).to_be_visible()
    expect(halaman.get_by_role("combobox", name="Status")).to_have_value("disetujui")
    expect(halaman.get_by_role("row")).to_have_count(7)  # header + 6


def test_long_names_start_readable_and_are_whole_in_tooltip_and_table(
    transactional_db, setahun, admin_kinerja, seed, halaman
):
    masuk(halaman, "adminkinerja")
    halaman.goto(f"/dasbor/opd/{seed.opd.pk}/?periode={setahun.tw1.pk}")
    for grafik in ("capaian", "status"):
        pilih = _kanvas(halaman, grafik, "data-unit")
        sumbu = halaman.evaluate(
            """(pilih) => {
                const c = Chart.getChart(document.querySelector(pilih));
                const s = c.scales.y;
                c.ctx.font = Chart.helpers.toFont(s.options.ticks.font).string;
                const baris = s.ticks.map((t) => [].concat(t.label));
                const lebar = Math.max(...baris.flat().map((b) => c.ctx.measureText(b).width));
                const i = c.data.labels.findIndex((l) => l.startsWith("Bidang Pengelolaan"));
                const judul = c.options.plugins.tooltip.callbacks.title([{dataIndex: i}]);
                return {baris, lebar, ruang: s.right - 8 - 3, judul, i};
            }""",
            pilih,
        )
        # Every line fits left of the ticks: nothing is cut at the canvas' left edge.
        assert sumbu["lebar"] <= sumbu["ruang"], sumbu
        panjang = sumbu["baris"][sumbu["i"]]
        assert panjang[0].startswith("Bidang Pengelolaan") and len(panjang) <= 2 and panjang[-1].endswith("…")
        assert sumbu["judul"] == PANJANG
    halaman.get_by_text("Tabel angka").first.click()
    expect(halaman.get_by_role("cell", name=PANJANG).first).to_be_visible()


def test_trend_labels_stay_inside_the_plot_and_apart(transactional_db, setahun, admin_kinerja, seed, halaman):
    masuk(halaman, "adminkinerja")
    halaman.goto(f"/dasbor/opd/{seed.opd.pk}/?periode={setahun.tw2.pk}")
    pilih = _kanvas(halaman, "tren", "data-tren")
    hasil = halaman.evaluate(
        """(pilih) => {
            const kanvas = document.querySelector(pilih);
            const c = Chart.getChart(kanvas);
            return {label: JSON.parse(kanvas.dataset.label), area: c.chartArea, lebar: c.width};
        }""",
        pilih,
    )
    label, area = hasil["label"], hasil["area"]
    assert {lbl["teks"] for lbl in label} >= {"100%", "66,67%"}  # TW I, TW II
    for lbl in label:
        # Right of the y axis' ticks, left of the canvas' right edge.
        assert lbl["kiri"] >= area["left"] and lbl["kanan"] <= hasil["lebar"], lbl
    for a in label:
        for b in label:
            if a is not b:
                terpisah = a["kanan"] <= b["kiri"] or b["kanan"] <= a["kiri"]
                terpisah = terpisah or a["bawah"] <= b["atas"] or b["bawah"] <= a["atas"]
                assert terpisah, (a, b)


@pytest.mark.parametrize("lebar", [1280, 1024, 390])
def test_the_city_admins_navbar_stays_on_one_line(transactional_db, seed, superuser, halaman, lebar):
    halaman.set_viewport_size({"width": lebar, "height": 800})
    masuk(halaman, "admin")
    navbar = halaman.locator("nav.navbar")
    # One line: the brand's height plus padding, whether the menu is open or folded.
    assert navbar.bounding_box()["height"] < 70
    if lebar >= 1200:
        nama = halaman.locator(".nama-pengguna")
        assert nama.evaluate("(e) => e.scrollWidth <= e.clientWidth")  # "admin", not "ad…"
        halaman.get_by_role("button", name="Kelola").click()
        expect(halaman.get_by_role("link", name="Laporan besar")).to_be_visible()
    else:
        halaman.get_by_role("button", name="Menu").click()
        expect(halaman.locator("#menu").get_by_role("link", name="Dasbor kota")).to_be_visible()
