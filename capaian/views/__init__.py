"""Capaian pages, by who uses them: isian (the holder), tinjau (the reviewer), kelola
(the admin kinerja); objek loads what their rights are about."""
