"""Admin URLs that replace Wagtail's own; included in cms/urls.py before
Wagtail's admin URLs (admin hooks cannot replace views that need no
sign-in)."""

from django.urls import path

from . import views

urlpatterns = [
    path("password_reset/", views.PasswordResetView.as_view()),
]
