"""The whole URL space in one table, grouped by prefix."""

from __future__ import annotations

from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from portal.services.meetings import MAX_SHEET_BYTES
from portal.settings import Settings
from portal.views import (
    api,
    auth,
    comments,
    decisions,
    digest,
    documents,
    drafts,
    hearings,
    inbox,
    liaison_points,
    meetings,
    public,
    staff,
    staff_comments,
    staff_decisions,
    staff_document_changes,
    staff_documents,
    staff_drafts,
    staff_hearings,
    staff_personal_data,
    staff_reviews,
)
from portal.web import convertors
from portal.web.limits import BodyLimitMiddleware


def build_routes(settings: Settings) -> list[BaseRoute]:
    convertors.install()  # before any Route is compiled
    # An upload form carries the file plus its text fields; anything bigger is refused with 413.
    upload_limit = [Middleware(BodyLimitMiddleware, max_bytes=settings.max_upload_bytes + 2 * 1024 * 1024)]
    # A spreadsheet of opinions to import is small; a bigger one is refused before it is read.
    import_limit = [Middleware(BodyLimitMiddleware, max_bytes=MAX_SHEET_BYTES + 1024 * 1024)]
    meeting_limit = [
        Middleware(BodyLimitMiddleware, max_bytes=settings.max_meeting_upload_bytes + 2 * 1024 * 1024)
    ]
    return [
        # Public pages
        Route("/", public.home, name="home"),
        Route("/healthz", public.healthz, name="healthz"),
        Route("/preferences/display", public.set_display, methods=["POST"], name="set_display"),
        Route("/drafts", drafts.index, name="drafts"),
        Route("/drafts/{draft_id:int}", drafts.reader, name="draft"),
        Route("/drafts/{draft_id:int}/articles/{key:unit_key}", drafts.article, name="draft_article"),
        Route("/drafts/{draft_id:int}/compare", drafts.compare_versions, name="draft_compare"),
        Route("/drafts/{draft_id:int}/comment", comments.comment_form, methods=["GET"], name="comment_form"),
        Route("/drafts/{draft_id:int}/comment", comments.submit, methods=["POST"], name="comment_submit"),
        Route("/drafts/{draft_id:int}/comments", comments.draft_comments, name="draft_comments"),
        Route("/drafts/{draft_id:int}/feedback", comments.feedback, name="draft_feedback"),
        Route(
            "/comments/{comment_id:int}/support", comments.support, methods=["POST"], name="comment_support"
        ),
        Route("/receipt", comments.receipt, name="receipt"),
        Route("/documents", documents.index, name="documents"),
        Route("/documents/{number:document_number}", documents.detail, name="document"),
        Route(
            "/documents/{number:document_number}/attachments/{attachment_id:int}",
            documents.attachment,
            name="document_attachment",
        ),
        Route("/hearings", hearings.index, name="hearings"),
        Route("/hearings.ics", hearings.ics_all, name="hearings_ics"),
        Route("/hearings/registration", hearings.lookup, name="hearing_lookup"),
        Route("/hearings/registration/cancel", hearings.cancel, methods=["POST"], name="hearing_cancel"),
        Route("/hearings/{hearing_id:int}", hearings.detail, name="hearing"),
        Route("/hearings/{hearing_id:int}.ics", hearings.ics, name="hearing_ics"),
        Route(
            "/hearings/{hearing_id:int}/register",
            hearings.register,
            methods=["POST"],
            name="hearing_register",
        ),
        Route("/hearings/{hearing_id:int}/verify", hearings.verify, name="hearing_verify"),
        Route("/hearings/{hearing_id:int}/draw.json", hearings.draw_json, name="hearing_draw_json"),
        Route("/hearings/{hearing_id:int}/report", hearings.report, name="hearing_report"),
        Route(
            "/hearings/{hearing_id:int}/materials/{material_id:int}",
            hearings.material,
            name="hearing_material",
        ),
        Route("/decisions", decisions.index, name="decisions"),
        Route("/decisions/export.csv", decisions.export_csv, name="decisions_csv"),
        Route("/decisions/proposals", decisions.propose, methods=["POST"], name="decision_propose"),
        Route("/decisions/{decision_id:int}", decisions.detail, name="decision"),
        Route("/decisions/documents/{attachment_id:int}", decisions.document, name="decision_document"),
        Route(
            "/decisions/{decision_id:int}/evaluations/{evaluation_id:int}/questionnaire",
            decisions.questionnaire,
            methods=["POST"],
            name="decision_questionnaire",
        ),
        Route("/search", drafts.search_page, name="search"),
        Route("/feeds/drafts.atom", drafts.atom_feed, name="drafts_feed"),
        Route("/feeds/documents.atom", documents.atom_feed, name="documents_feed"),
        Route("/liaison-points", liaison_points.index, name="liaison_points"),
        Route("/liaison-points/{code:point_code}", liaison_points.detail, name="liaison_point"),
        # Read-only JSON API
        # Open data carries no session and no secret, so compressing it cannot leak one (BREACH).
        Mount(
            "/api/v1",
            middleware=[Middleware(GZipMiddleware, minimum_size=1024)],
            routes=[
                Route("/openapi.json", api.openapi, name="openapi"),
                Route("/liaison-points", api.liaison_points, name="api_liaison_points"),
                Route("/drafts", api.draft_list, name="api_drafts"),
                Route("/documents", documents.api_index, name="api_documents"),
                Route("/documents/{number:document_number}", documents.api_detail, name="api_document"),
                Route("/decisions", decisions.api_index, name="api_decisions"),
                Route("/decisions/{decision_id:int}", decisions.api_detail, name="api_decision"),
                Route("/drafts/{draft_id:int}", api.draft_detail, name="api_draft"),
                Route("/drafts/{draft_id:int}/comments", api.draft_comments, name="api_draft_comments"),
                Route("/drafts/{draft_id:int}/stats", api.draft_stats, name="api_draft_stats"),
                Route(
                    "/drafts/{draft_id:int}/versions/{number:int}/provisions",
                    api.provisions,
                    name="api_provisions",
                ),
            ],
        ),
        # Staff
        Mount(
            "/staff",
            routes=[
                Route("/login", auth.login_page, methods=["GET"], name="login"),
                Route("/login", auth.login, methods=["POST"], name="login_submit"),
                Route("/logout", auth.logout, methods=["POST"], name="logout"),
                Route("/password", auth.password_page, methods=["GET"], name="staff_password"),
                Route("/password", auth.change_password, methods=["POST"], name="staff_password_change"),
                Route("/", staff.dashboard, name="staff_home"),
                Route("/points/{code:point_code}", staff.point_workspace, name="staff_point"),
                Route("/users", staff.users, methods=["GET"], name="staff_users"),
                Route("/users", staff.create_user, methods=["POST"], name="staff_user_create"),
                Route(
                    "/users/{user_id:int}/active",
                    staff.set_user_active,
                    methods=["POST"],
                    name="staff_user_active",
                ),
                Route("/audit", staff.audit_log, name="staff_audit"),
                Route("/personal-data", staff_personal_data.index, name="staff_personal_data"),
                Route(
                    "/personal-data/export",
                    staff_personal_data.export,
                    methods=["POST"],
                    name="staff_personal_data_export",
                ),
                Route(
                    "/personal-data/erase",
                    staff_personal_data.erase,
                    methods=["POST"],
                    name="staff_personal_data_erase",
                ),
                Route("/documents", staff_documents.index, name="staff_documents"),
                Route("/documents/new", staff_documents.new, methods=["GET"], name="staff_document_new"),
                Route(
                    "/documents/new", staff_documents.create, methods=["POST"], name="staff_document_create"
                ),
                Route("/documents/expiring", staff_documents.expiring, name="staff_documents_expiring"),
                Route("/documents/{number:document_number}", staff_documents.manage, name="staff_document"),
                Route(
                    "/documents/{number:document_number}/attachments",
                    staff_documents.upload_attachment,
                    methods=["POST"],
                    name="staff_document_attachment",
                    middleware=upload_limit,
                ),
                Route(
                    "/documents/{number:document_number}/correct",
                    staff_document_changes.correction_form,
                    methods=["GET"],
                    name="staff_document_correction",
                ),
                Route(
                    "/documents/{number:document_number}/correct",
                    staff_document_changes.correct,
                    methods=["POST"],
                    name="staff_document_correct",
                ),
                Route(
                    "/documents/{number:document_number}/withdraw",
                    staff_document_changes.withdraw,
                    methods=["POST"],
                    name="staff_document_withdraw",
                ),
                Route("/drafts", staff_drafts.index, name="staff_drafts"),
                Route("/drafts/new", staff_drafts.new, methods=["GET"], name="staff_draft_new"),
                Route(
                    "/drafts/new",
                    staff_drafts.create,
                    methods=["POST"],
                    name="staff_draft_create",
                    middleware=upload_limit,
                ),
                Route("/drafts/{draft_id:int}", staff_drafts.manage, name="staff_draft"),
                Route(
                    "/drafts/{draft_id:int}/versions",
                    staff_drafts.add_version,
                    methods=["POST"],
                    name="staff_draft_version",
                    middleware=upload_limit,
                ),
                Route(
                    "/drafts/{draft_id:int}/scope",
                    staff_drafts.set_scope,
                    methods=["POST"],
                    name="staff_draft_scope",
                ),
                Route(
                    "/drafts/{draft_id:int}/publish",
                    staff_drafts.publish,
                    methods=["POST"],
                    name="staff_draft_publish",
                ),
                Route(
                    "/drafts/{draft_id:int}/library",
                    staff_documents.adoption_form,
                    methods=["GET"],
                    name="staff_draft_library_form",
                ),
                Route(
                    "/drafts/{draft_id:int}/library",
                    staff_documents.publish_adopted,
                    methods=["POST"],
                    name="staff_draft_library",
                ),
                Route(
                    "/drafts/{draft_id:int}/comments",
                    staff_comments.draft_comments,
                    name="staff_draft_comments",
                ),
                Route(
                    "/drafts/{draft_id:int}/comments/outcome",
                    staff_comments.bulk_outcome,
                    methods=["POST"],
                    name="staff_bulk_outcome",
                ),
                Route(
                    "/drafts/{draft_id:int}/feedback",
                    staff_comments.feedback_page,
                    methods=["GET"],
                    name="staff_feedback",
                ),
                Route(
                    "/drafts/{draft_id:int}/feedback",
                    staff_comments.publish_feedback,
                    methods=["POST"],
                    name="staff_feedback_publish",
                ),
                Route("/comments/{comment_id:int}", staff_comments.comment_detail, name="staff_comment"),
                Route(
                    "/comments/{comment_id:int}/outcome",
                    staff_comments.comment_outcome,
                    methods=["POST"],
                    name="staff_comment_outcome",
                ),
                Route(
                    "/comments/{comment_id:int}/reassign",
                    staff_comments.comment_reassign,
                    methods=["POST"],
                    name="staff_comment_reassign",
                ),
                Route(
                    "/moderation", staff_comments.moderation_queue, methods=["GET"], name="staff_moderation"
                ),
                Route("/moderation", staff_comments.moderate, methods=["POST"], name="staff_moderate"),
                Route("/drafts/{draft_id:int}/digest", digest.page, name="staff_digest"),
                Route(
                    "/drafts/{draft_id:int}/digest/refresh",
                    digest.refresh,
                    methods=["POST"],
                    name="staff_digest_refresh",
                ),
                Route(
                    "/drafts/{draft_id:int}/digest/outcome",
                    digest.outcome,
                    methods=["POST"],
                    name="staff_digest_outcome",
                ),
                Route(
                    "/drafts/{draft_id:int}/export/opinions.xlsx",
                    digest.export_xlsx,
                    name="staff_export_xlsx",
                ),
                Route(
                    "/drafts/{draft_id:int}/export/opinions-contacts.xlsx",
                    digest.export_xlsx_contacts,
                    name="staff_export_xlsx_contacts",
                ),
                Route(
                    "/drafts/{draft_id:int}/export/report.docx", digest.export_docx, name="staff_export_docx"
                ),
                Route(
                    "/drafts/{draft_id:int}/export/comments.csv", digest.export_csv, name="staff_export_csv"
                ),
                Route(
                    "/drafts/{draft_id:int}/export/comments.json",
                    digest.export_json,
                    name="staff_export_json",
                ),
                Route("/hearings", staff_hearings.index, name="staff_hearings"),
                Route("/hearings", staff_hearings.create, methods=["POST"], name="staff_hearing_create"),
                Route("/hearings/{hearing_id:int}", staff_hearings.manage, name="staff_hearing"),
                Route(
                    "/hearings/{hearing_id:int}/publish",
                    staff_hearings.publish,
                    methods=["POST"],
                    name="staff_hearing_publish",
                ),
                Route(
                    "/hearings/{hearing_id:int}/status",
                    staff_hearings.change_status,
                    methods=["POST"],
                    name="staff_hearing_status",
                ),
                Route(
                    "/hearings/{hearing_id:int}/close-registration",
                    staff_hearings.close_registration,
                    methods=["POST"],
                    name="staff_hearing_close_registration",
                ),
                Route(
                    "/hearings/{hearing_id:int}/draw",
                    staff_hearings.draw,
                    methods=["POST"],
                    name="staff_hearing_draw",
                ),
                Route(
                    "/hearings/{hearing_id:int}/checkin",
                    staff_hearings.check_in,
                    methods=["POST"],
                    name="staff_hearing_checkin",
                ),
                Route(
                    "/hearings/{hearing_id:int}/materials",
                    staff_hearings.upload_material,
                    methods=["POST"],
                    name="staff_hearing_materials",
                    middleware=upload_limit,
                ),
                Route(
                    "/hearings/{hearing_id:int}/materials/send",
                    staff_hearings.send_materials,
                    methods=["POST"],
                    name="staff_hearing_materials_send",
                ),
                Route(
                    "/hearings/{hearing_id:int}/record",
                    staff_hearings.upload_record,
                    methods=["POST"],
                    name="staff_hearing_record",
                    middleware=upload_limit,
                ),
                Route(
                    "/hearings/{hearing_id:int}/report",
                    staff_hearings.upload_report,
                    methods=["POST"],
                    name="staff_hearing_report",
                    middleware=upload_limit,
                ),
                Route("/decisions", staff_decisions.index, name="staff_decisions"),
                Route(
                    "/decisions/catalogs",
                    staff_decisions.create_catalog,
                    methods=["POST"],
                    name="staff_catalog_new",
                ),
                Route(
                    "/decisions/catalogs/{catalog_id:int}/publish",
                    staff_decisions.publish_catalog,
                    methods=["POST"],
                    name="staff_catalog_publish",
                ),
                Route(
                    "/decisions/catalogs/{catalog_id:int}/items",
                    staff_decisions.add_item,
                    methods=["POST"],
                    name="staff_decision_add",
                ),
                Route("/decisions/{decision_id:int}", staff_decisions.manage, name="staff_decision"),
                Route(
                    "/decisions/{decision_id:int}/steps/{kind}",
                    staff_decisions.update_step,
                    methods=["POST"],
                    name="staff_decision_step",
                ),
                Route(
                    "/decisions/{decision_id:int}/draft",
                    staff_decisions.link_draft,
                    methods=["POST"],
                    name="staff_decision_draft",
                ),
                Route(
                    "/decisions/{decision_id:int}/documents",
                    staff_decisions.upload_document,
                    methods=["POST"],
                    name="staff_decision_document",
                    middleware=upload_limit,
                ),
                Route(
                    "/decisions/{decision_id:int}/adjust",
                    staff_decisions.adjust,
                    methods=["POST"],
                    name="staff_decision_adjust",
                ),
                Route(
                    "/decisions/{decision_id:int}/evaluations",
                    staff_decisions.start_evaluation,
                    methods=["POST"],
                    name="staff_evaluation_new",
                ),
                Route(
                    "/decisions/{decision_id:int}/evaluations/{evaluation_id:int}/report",
                    staff_decisions.evaluation_report,
                    methods=["POST"],
                    name="staff_evaluation_report",
                    middleware=upload_limit,
                ),
                Route(
                    "/decisions/{decision_id:int}/evaluations/{evaluation_id:int}",
                    staff_decisions.evaluation_update,
                    methods=["POST"],
                    name="staff_evaluation_update",
                ),
                Route("/reviews", staff_reviews.index, name="staff_reviews"),
                Route("/reviews/dashboard", staff_reviews.dashboard, name="staff_reviews_dashboard"),
                Route("/reviews/new", staff_reviews.new, methods=["GET"], name="staff_review_new"),
                Route(
                    "/reviews/new",
                    staff_reviews.create,
                    methods=["POST"],
                    name="staff_review_create",
                    middleware=upload_limit,
                ),
                Route("/reviews/{review_id:int}", staff_reviews.detail, name="staff_review"),
                Route(
                    "/reviews/{review_id:int}/start",
                    staff_reviews.start,
                    methods=["POST"],
                    name="staff_review_start",
                ),
                Route(
                    "/reviews/{review_id:int}/opinion",
                    staff_reviews.opinion,
                    methods=["POST"],
                    name="staff_review_opinion",
                    middleware=upload_limit,
                ),
                Route(
                    "/reviews/{review_id:int}/return",
                    staff_reviews.send_back,
                    methods=["POST"],
                    name="staff_review_return",
                ),
                Route(
                    "/reviews/{review_id:int}/files/{which}",
                    staff_reviews.download,
                    name="staff_review_file",
                ),
                Route("/inbox", inbox.index, methods=["GET"], name="staff_inbox"),
                Route("/inbox", inbox.act, methods=["POST"], name="staff_inbox_act"),
                Route("/comments/new", inbox.entry_form, methods=["GET"], name="staff_entry"),
                Route("/comments/new", inbox.entry_submit, methods=["POST"], name="staff_entry_submit"),
                Route("/meetings", meetings.index, name="staff_meetings"),
                Route("/meetings/template.xlsx", meetings.sheet_template, name="staff_meeting_template"),
                Route("/meetings/new", meetings.new, methods=["GET"], name="staff_meeting_new"),
                Route(
                    "/meetings/new",
                    meetings.create,
                    methods=["POST"],
                    name="staff_meeting_create",
                    middleware=meeting_limit,
                ),
                Route("/meetings/{meeting_id:int}", meetings.detail, name="staff_meeting"),
                Route(
                    "/meetings/{meeting_id:int}/files",
                    meetings.add_files,
                    methods=["POST"],
                    name="staff_meeting_files",
                    middleware=meeting_limit,
                ),
                Route(
                    "/meetings/{meeting_id:int}/opinions",
                    meetings.add_opinion,
                    methods=["POST"],
                    name="staff_meeting_opinion",
                ),
                Route(
                    "/meetings/{meeting_id:int}/import",
                    meetings.import_preview,
                    methods=["POST"],
                    name="staff_meeting_import",
                    middleware=import_limit,
                ),
                Route(
                    "/meetings/{meeting_id:int}/import/confirm",
                    meetings.import_confirm,
                    methods=["POST"],
                    name="staff_meeting_import_confirm",
                ),
                Route("/files/{file_id:int}", meetings.download, name="staff_file"),
                Route("/moderation/words", staff_comments.words, methods=["GET"], name="staff_words"),
                Route(
                    "/moderation/words",
                    staff_comments.words_update,
                    methods=["POST"],
                    name="staff_words_update",
                ),
                Route(
                    "/drafts/{draft_id:int}/close",
                    staff_drafts.close_confirm,
                    methods=["GET"],
                    name="staff_draft_close_confirm",
                ),
                Route(
                    "/drafts/{draft_id:int}/close",
                    staff_drafts.close,
                    methods=["POST"],
                    name="staff_draft_close",
                ),
                Route(
                    "/drafts/{draft_id:int}/withdraw",
                    staff_drafts.withdraw,
                    methods=["POST"],
                    name="staff_draft_withdraw",
                ),
            ],
        ),
        Mount("/static", app=StaticFiles(directory=settings.static_dir), name="static"),
    ]
