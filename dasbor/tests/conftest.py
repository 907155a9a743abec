"""The dashboards are read over the capaian fixtures: the seed decree with its periods
open and targets set."""

from capaian.tests.conftest import kinerja  # noqa: F401 (a fixture, shared)
