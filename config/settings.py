"""Settings for Sistem Kinerja IKI.

Everything comes from environment variables. With no environment at all the app
runs in DEBUG on a SQLite file in the project folder, so `make run` works on a
laptop; production sets DEBUG=false, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL.
Bad values fail loudly at start-up instead of surfacing later.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.getenv(name, default).strip().lower()
    if value in ("1", "true", "yes", "ya", "on"):
        return True
    if value in ("0", "false", "no", "tidak", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: pakai true atau false")


def envint(name: str, default: int) -> int:
    value = os.getenv(name, str(default))
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: harus bilangan bulat") from None


DEBUG = envbool("DEBUG", "true")

# The placeholder of .env.example: copied as it is, it would sign every session with a
# key anyone can read in the repository.
SECRET_KEY_CONTOH = "ganti-dengan-string-acak-panjang-minimal-50-karakter"  # noqa: S105 (refused below)
CARA_MEMBUAT_KUNCI = "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"

# Spaces around it are a copying slip, not part of a key.
SECRET_KEY = os.getenv("SECRET_KEY", "").strip()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(f"SECRET_KEY wajib diisi bila DEBUG=false; buat dengan: {CARA_MEMBUAT_KUNCI}")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105 (DEBUG only)
elif not DEBUG:
    # The same rule as Django's security.W009 (50 characters, 5 different ones, not
    # Django's "django-insecure-" key), enforced at start-up instead of warned about.
    if SECRET_KEY == SECRET_KEY_CONTOH:
        raise ImproperlyConfigured(
            f"SECRET_KEY masih contoh dari .env.example, yang dapat dibaca siapa saja; "
            f"ganti dengan string acak sendiri, buat dengan: {CARA_MEMBUAT_KUNCI}"
        )
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-"):
        raise ImproperlyConfigured(
            f"SECRET_KEY terlalu lemah ({len(SECRET_KEY)} karakter): perlu acak, minimal 50 karakter "
            f"dengan minimal 5 karakter berbeda, dan bukan kunci django-insecure-; buat dengan: {CARA_MEMBUAT_KUNCI}"
        )

ALLOWED_HOSTS = [h.strip() for h in os.getenv("ALLOWED_HOSTS", "").split(",") if h.strip()]
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
if not DEBUG and "*" in ALLOWED_HOSTS:
    # Django's own check accepts it, but then a forged Host header reaches the app (and
    # the links it writes into mails and password resets).
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS=* menerima nama host apa pun bila DEBUG=false; tulis nama host yang diketik pengguna "
        "di peramban, dipisah koma (misalnya ALLOWED_HOSTS=kinerja.example.go.id)"
    )
if not ALLOWED_HOSTS:
    # Without it Django answers 400 to every request: a server that seems to run but
    # serves nothing. Say so at start-up instead.
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS wajib diisi bila DEBUG=false: nama host yang diketik pengguna di peramban, "
        "dipisah koma (misalnya ALLOWED_HOSTS=kinerja.example.go.id); tanpa itu setiap permintaan dijawab 400"
    )
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.getenv("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "csp",
    "django_tasks",
    "laporan.apps.AntreanTugasConfig",  # django_tasks_db, named in Indonesian
    "lib",
    "organisasi",
    "iki",
    "capaian",
    "laporan",
    "dasbor",
    "contoh",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who changed a rule (target, predikat, akses OPD ...) in a request, for its history row.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite is the laptop default. IMMEDIATE transactions take the write lock at BEGIN,
# so two writers queue behind `timeout` instead of failing halfway with
# "database is locked"; WAL lets readers go on while one writes.
SQLITE_PATH = os.getenv("SQLITE_PATH", str(BASE_DIR / "db.sqlite3"))
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
}
DATABASE_URL = os.getenv("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": SQLITE_OPTIONS,
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organisasi.Pengguna"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The axes backend comes first: it refuses a locked login before any password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "organisasi.auth.PenggunaBackend"]

# Login throttling (django-axes): 5 wrong passwords for one login from one address lock
# that login from that address for 15 minutes; the lock ends by itself, and a superuser
# lifts it sooner by deleting the attempt in Django admin (Axes > Access attempts).
# Per login *and* address, so an office behind one NAT address is not locked out whole,
# and an attacker cannot lock a user out from elsewhere.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# A refused try during the lock does not restart it: 15 minutes from the fifth failure,
# never longer, however long someone keeps trying.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "organisasi.masuk.respons_terkunci"
AXES_CLIENT_IP_CALLABLE = "lib.alamat.alamat_klien"
AXES_USERNAME_CALLABLE = "organisasi.masuk.nama_pengguna"
# The log names the login and the address (axes masks both by default).
AXES_SENSITIVE_PARAMETERS = []
# Reverse proxies in front of the app that append the client's address to
# X-Forwarded-For (nginx with $proxy_add_x_forwarded_for: 1). 0 reads REMOTE_ADDR only,
# so a client cannot pick its own address by sending the header.
JUMLAH_PROXY = envint("JUMLAH_PROXY", 0)
if JUMLAH_PROXY < 0:
    raise ImproperlyConfigured(f"JUMLAH_PROXY={JUMLAH_PROXY}: jumlah proxy tidak boleh negatif")

LOGIN_URL = "masuk"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "masuk"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = os.getenv("STATIC_URL", "/static/")
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.getenv("MEDIA_URL", "/media/")
# Uploads (logos, evidence) live outside static/ and are served by views that check
# who may see them, never by the static file server.
MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", str(BASE_DIR / "media")))
# Where `manage.py cadangkan` writes its archives (database and MEDIA_ROOT) by default.
CADANGAN_DIR = Path(os.getenv("CADANGAN_DIR", str(BASE_DIR / "cadangan")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads over FILE_UPLOAD_MAX_MEMORY_SIZE wait here while their request runs, and the
# lampiran import keeps its workbook here between preview and save. A killed request
# leaves its file behind: `manage.py bersihkan_berkas` (daily cron) removes what is
# older than a day. Made at start, so that a bad path stops the app here.
FILE_UPLOAD_TEMP_DIR = Path(os.getenv("FILE_UPLOAD_TEMP_DIR", str(BASE_DIR / "berkas-sementara")))
FILE_UPLOAD_TEMP_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)

# Bukti dukung: each file at most this size; the kind is checked by content.
BUKTI_UKURAN_MAKS_MB = envint("BUKTI_UKURAN_MAKS_MB", 10)
BUKTI_JUMLAH_MAKS = envint("BUKTI_JUMLAH_MAKS", 10)
# Links in emails point here.
SITE_URL = os.getenv("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Heavy reports run in the background: `manage.py db_worker` takes jobs from the
# database. A running job whose worker has not reported for this many seconds is
# considered dead (killed mid-report) and marked failed, to be retried.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
LAPORAN_BATAS_DETAK = envint("LAPORAN_BATAS_DETAK", 120)
# A job no worker has taken for this many seconds, while no worker has shown a sign of
# life either, is marked failed (no db_worker running, or one died before taking it);
# its page warns after LAPORAN_PERINGATAN_MENUNGGU seconds of waiting.
LAPORAN_BATAS_MENUNGGU = envint("LAPORAN_BATAS_MENUNGGU", 300)
LAPORAN_PERINGATAN_MENUNGGU = envint("LAPORAN_PERINGATAN_MENUNGGU", 10)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.getenv(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.getenv("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.getenv("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
# Seconds before a mail server that does not answer is given up on: a hung server
# otherwise holds the request (or the reminder run) that is sending forever.
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "Sistem Kinerja IKI <noreply@localhost>")

SILENCED_SYSTEM_CHECKS = []
# No script reads a cookie: the forms carry the CSRF token.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

if not DEBUG:
    SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", "true")
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Browsers remember to use HTTPS only for this long (a year by default).
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true")
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "false")
    if not SECURE_HSTS_PRELOAD:
        # Preloading is a promise made for a whole registered domain (the city's
        # .go.id), which an application on one of its hosts cannot make for it.
        SILENCED_SYSTEM_CHECKS.append("security.W021")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "true")
    if not SECURE_SSL_REDIRECT:
        # Turned off where the proxy that terminates TLS redirects http:// itself; the
        # app then never sees plain HTTP from a browser, so Django's warning is moot.
        SILENCED_SYSTEM_CHECKS.append("security.W008")

# Content-Security-Policy (django-csp), also while developing so a violation shows
# early: every script, style, font and image comes from static/ on this host; no inline
# script, no inline style, no eval. Data for scripts travels in data- attributes or
# json_script blocks, which the browser does not execute.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Bootstrap draws its checkboxes, selects and toggler from data: SVG images.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"baris": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "baris"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "WARNING")},
    # Failed logins and lockouts reach the console whatever LOG_LEVEL says: they are
    # what an operator looks for after an attack.
    "loggers": {
        "axes": {"level": "WARNING"},
        "organisasi.masuk": {"level": "WARNING"},
    },
}
