import io

from lib.kemajuan import Kemajuan


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_log_gets_one_line_per_step_then_where_it_ended_and_no_carriage_returns():
    keluaran = io.StringIO()
    bar = Kemajuan(4, keluaran, judul="Membuat", lebar=8)
    bar.maju(langkah="Dinas A")
    bar.maju()  # same step: no new line
    bar.maju(langkah="Dinas B")
    bar.maju(langkah="Dinas B")
    bar.tutup()
    assert keluaran.getvalue().splitlines() == [
        "Membuat [##......]  25%  Dinas A",
        "Membuat [######..]  75%  Dinas B",
        "Membuat [########] 100%  Dinas B",
    ]
    assert "\r" not in keluaran.getvalue()


def test_a_terminal_redraws_one_line_and_ends_at_full():
    keluaran = _Terminal()
    bar = Kemajuan(3, keluaran, lebar=6)
    for _ in range(5):  # more than the total does not pass 100%
        bar.maju(langkah="kerja")
    bar.tutup()
    teks = keluaran.getvalue()
    assert teks.startswith("\r[##....]  33%  kerja")
    assert teks.endswith("\r[######] 100%  kerja\x1b[K\n")
    assert teks.count("\n") == 1
