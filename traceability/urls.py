app_name = "traceability"
urlpatterns: list = []
