from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/", views.notification_open, name="open"),
    path("<int:pk>/da-doc/", views.notification_mark_read, name="mark_read"),
    path("da-doc-tat-ca/", views.notification_mark_all_read, name="mark_all_read"),
    path("mau/", views.template_list, name="template_list"),
    path("mau/<int:pk>/sua/", views.template_edit, name="template_edit"),
]
