from django.contrib import admin

from ecm.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the trail can be read here but never changed."""

    list_display = ["at", "actor_name", "action", "target_repr", "reason"]
    list_filter = ["verb"]
    search_fields = ["actor_name", "target_repr", "reason"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
