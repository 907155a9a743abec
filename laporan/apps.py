from django.apps import AppConfig
from django_tasks_db.apps import TasksAppConfig


class LaporanConfig(AppConfig):
    default = True  # the module also holds the task queue's config below
    default_auto_field = "django.db.models.BigAutoField"
    name = "laporan"


class AntreanTugasConfig(TasksAppConfig):
    """django-tasks' database queue, named in Indonesian on Django admin's index (its
    own name is 'Tasks Database Backend')."""

    verbose_name = "Antrean tugas latar (laporan besar)"
