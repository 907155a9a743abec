# Dates the way Indonesian letters write them ("13 Februari 2020"), in admin and in
# every template that uses Django's date formats; Django's own Indonesian formats
# abbreviate the month ("13 Feb. 2020"). The rest comes from Django's locale.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H.i"
