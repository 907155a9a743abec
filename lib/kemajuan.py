"""A progress bar for long management commands, in a dozen lines instead of a dependency.

On a terminal it redraws one line in place ("Membuat kota [#####.....]  50%  Dinas
Kesehatan"), at most ten times a second, so the drawing does not slow the work down. In
a log file or a test (no terminal) it writes one line per new step instead, and a last
one when it is closed, so the log stays readable and carries no carriage returns.
"""

import time
from typing import TextIO


class Kemajuan:
    def __init__(self, total: int, keluaran: TextIO, judul: str = "", lebar: int = 30):
        self.total = max(total, 1)
        self.keluaran = keluaran
        self.judul = judul
        self.lebar = lebar
        self.selesai_ = 0
        self.langkah = ""
        self._tty = bool(getattr(keluaran, "isatty", lambda: False)())
        self._terakhir = 0.0
        self._tertulis = -1  # units done at the last line written to a log

    def maju(self, n: int = 1, langkah: str | None = None) -> None:
        """Count `n` more units done; `langkah` names what is being done now."""
        self.selesai_ = min(self.selesai_ + n, self.total)
        baru = langkah is not None and langkah != self.langkah
        if langkah is not None:
            self.langkah = langkah
        if self._tty:
            sekarang = time.monotonic()
            if sekarang - self._terakhir >= 0.1 or self.selesai_ == self.total:
                self._terakhir = sekarang
                self.keluaran.write(f"\r{self.baris()}\033[K")
                self.keluaran.flush()
        elif baru:
            self._tulis_baris()

    def tutup(self) -> None:
        """Show where it ended: the bar's final state, then a fresh line."""
        if self._tty:
            self.keluaran.write(f"\r{self.baris()}\033[K\n")
            self.keluaran.flush()
        elif self._tertulis != self.selesai_:
            self._tulis_baris()

    def _tulis_baris(self) -> None:
        self._tertulis = self.selesai_
        self.keluaran.write(f"{self.baris()}\n")

    def baris(self) -> str:
        isi = self.lebar * self.selesai_ // self.total
        persen = 100 * self.selesai_ // self.total
        bar = "#" * isi + "." * (self.lebar - isi)
        awal = f"{self.judul} " if self.judul else ""
        return f"{awal}[{bar}] {persen:3d}%  {self.langkah}".rstrip()
