from django.urls import path

from ecm.analysis.views import days, hypotheses, judgements, notebook, pack

app_name = "analysis"
P = "assessments/<int:pk>/analysis/"
urlpatterns = [
    path(P + "pack/", pack.pack, name="pack"),
    path(P + "pack/add/<str:category>/", pack.upload, name="pack-upload"),
    path(P + "pack/items/<int:item_pk>/", pack.download, name="pack-item"),
    path(P + "pack/checklist/", pack.checklist, name="checklist"),
    path(P + "pack/search/", pack.search, name="search"),
    path(P + "notebook/", notebook.overview, name="notebook"),
    path(P + "notebook/share/", notebook.share_all, name="share-all"),
    path(P + "notebook/<str:code>/", notebook.area, name="area"),
    path(P + "notebook/<str:code>/add/", notebook.entry_add, name="entry-add"),
    path(P + "entries/<int:entry_pk>/", notebook.entry, name="entry"),
    path(P + "entries/<int:entry_pk>/revise/", notebook.entry_revise, name="entry-revise"),
    path(P + "entries/<int:entry_pk>/share/", notebook.entry_share, name="entry-share"),
    path(
        P + "entries/<int:entry_pk>/evidence/<str:kind>/",
        notebook.evidence_add,
        name="evidence-add",
    ),
    path(
        P + "evidence/<int:evidence_pk>/withdraw/",
        notebook.evidence_withdraw,
        name="evidence-withdraw",
    ),
    path(P + "history/<str:subject>/<int:subject_id>/", notebook.history, name="history"),
    path(P + "hypotheses/", hypotheses.hypotheses, name="hypotheses"),
    path(P + "hypotheses/<int:hypothesis_pk>/", hypotheses.hypothesis, name="hypothesis"),
    path(P + "step-2/<str:code>/", judgements.step2, name="step2"),
    path(P + "step-3/", judgements.step3, name="step3"),
    path(P + "step-4/", judgements.step4, name="step4"),
    path(P + "step-4/sign/", judgements.sign, name="sign"),
    path(P + "step-4/<str:code>/", judgements.step4_judgement, name="step4-judgement"),
    path(P + "export/steps-<str:steps>.<str:fmt>", judgements.export, name="export"),
    path(P + "days/", days.days, name="days"),
    path(P + "days/<int:day_pk>/remove/", days.day_remove, name="day-remove"),
    path("rounds/<int:pk>/inspector-days/", days.round_days, name="round-days"),
]
