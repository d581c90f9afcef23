from django.urls import path

from transparency import views

app_name = "transparency"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("methode/", views.method, name="method"),
    path("<int:year>/<int:quarter>/", views.report_detail, name="report"),
    path("<int:year>/<int:quarter>/v<int:version>.csv", views.report_csv, name="csv"),
    path("<int:year>/<int:quarter>/v<int:version>.json", views.report_json, name="json"),
    path("verwalten/", views.manage, name="manage"),
    path("verwalten/<int:pk>/", views.review, name="review"),
    path("verwalten/<int:pk>/freigeben/", views.release, name="release"),
]
