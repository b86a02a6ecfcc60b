# Written by hand for issue 9 §3 (the documents requested, 001 "Documents Evidence").

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _user(**kwargs):
    return models.ForeignKey(
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to=settings.AUTH_USER_MODEL,
        **kwargs,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("jar", "0003_report"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="RequestedDocument",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=40)),
                ("title", models.CharField(max_length=300)),
                ("hint", models.CharField(blank=True, max_length=300)),
                ("part_of", models.CharField(blank=True, max_length=40)),
                ("position", models.PositiveIntegerField()),
                ("list_urn", models.CharField(blank=True, max_length=100)),
                ("extra", models.BooleanField(default=False)),
                ("requested_at", models.DateTimeField(auto_now_add=True)),
                ("not_held_reason", models.TextField(blank=True)),
                ("not_held_at", models.DateTimeField(blank=True, null=True)),
                ("accepted_at", models.DateTimeField(blank=True, null=True)),
                ("accepted_by", _user(blank=True, null=True)),
                ("not_held_by", _user(blank=True, null=True)),
                ("requested_by", _user(null=True)),
                (
                    "review",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="requested_documents",
                        to="jar.jointareareview",
                    ),
                ),
            ],
            options={"ordering": ["review", "position"]},
        ),
        migrations.CreateModel(
            name="DocumentUpload",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("file", models.FileField(upload_to="jar/documents/%Y/")),
                ("file_name", models.CharField(max_length=255)),
                ("content_kind", models.CharField(max_length=4)),
                ("size", models.PositiveIntegerField()),
                ("sha256", models.CharField(max_length=64)),
                ("pages", models.PositiveIntegerField(blank=True, null=True)),
                ("note", models.CharField(blank=True, max_length=300)),
                ("uploaded_at", models.DateTimeField(auto_now_add=True)),
                ("uploaded_by", _user(null=True)),
                (
                    "document",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="uploads",
                        to="jar.requesteddocument",
                    ),
                ),
            ],
            options={"ordering": ["document", "uploaded_at", "pk"]},
        ),
        migrations.AddConstraint(
            model_name="requesteddocument",
            constraint=models.UniqueConstraint(
                fields=("review", "code"), name="jar_document_code_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="requesteddocument",
            constraint=models.CheckConstraint(
                condition=models.Q(("code", ""), _negated=True), name="jar_document_has_code"
            ),
        ),
        migrations.AddConstraint(
            model_name="requesteddocument",
            constraint=models.CheckConstraint(
                condition=models.Q(("title", ""), _negated=True), name="jar_document_has_title"
            ),
        ),
    ]
