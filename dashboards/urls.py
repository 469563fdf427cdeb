from django.urls import path

from . import views

app_name = "dashboards"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("excel/<slug:slug>/", views.figure_export, name="export"),
    path("bieu-thong-ke/", views.statistics_form, name="statistics"),
    path("bieu-thong-ke/pdf/", views.statistics_form_pdf, name="statistics_pdf"),
]
