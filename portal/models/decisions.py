from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from portal.models.levels import GovLevel

if TYPE_CHECKING:
    from portal.models.accounts import User
    from portal.models.drafts import Draft
    from portal.models.files import Attachment


class Labelled(StrEnum):
    @property
    def label(self) -> str:
        return DECISION_LABELS[(type(self).__name__, self.value)]


class CatalogStatus(Labelled):
    DRAFT = "draft"
    PUBLISHED = "published"


class DecisionStatus(Labelled):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DECIDED = "decided"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


class StepKind(Labelled):
    PUBLIC_PARTICIPATION = "public_participation"
    EXPERT_ARGUMENTATION = "expert_argumentation"
    RISK_ASSESSMENT = "risk_assessment"
    LEGALITY_REVIEW = "legality_review"
    COLLECTIVE_DISCUSSION = "collective_discussion"
    PUBLICATION = "publication"


class StepState(Labelled):
    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_APPLICABLE = "not_applicable"


class ProposalKind(Labelled):
    NEW_ITEM = "new_item"
    HEARING = "hearing"


class EvaluationTrigger(Labelled):
    BELOW_EXPECTATION = "below_expectation"
    PUBLIC_OPINION = "public_opinion"
    DECISION_BODY = "decision_body"


class Conclusion(Labelled):
    CONTINUE = "continue"
    ADJUST = "adjust"
    SUSPEND = "suspend"
    TERMINATE = "terminate"


DECISION_LABELS: dict[tuple[str, str], str] = {
    ("CatalogStatus", "draft"): "编制中",
    ("CatalogStatus", "published"): "已公布",
    ("DecisionStatus", "planned"): "未启动",
    ("DecisionStatus", "in_progress"): "推进中",
    ("DecisionStatus", "decided"): "已作出决策",
    ("DecisionStatus", "published"): "已公布决策",
    ("DecisionStatus", "withdrawn"): "已调出目录",
    ("StepKind", "public_participation"): "公众参与",
    ("StepKind", "expert_argumentation"): "专家论证",
    ("StepKind", "risk_assessment"): "风险评估",
    ("StepKind", "legality_review"): "合法性审查",
    ("StepKind", "collective_discussion"): "集体讨论决定",
    ("StepKind", "publication"): "决策公布",
    ("StepState", "pending"): "未开始",
    ("StepState", "in_progress"): "进行中",
    ("StepState", "done"): "已完成",
    ("StepState", "not_applicable"): "不适用",
    ("ProposalKind", "new_item"): "建议列入目录",
    ("ProposalKind", "hearing"): "申请举行听证",
    ("EvaluationTrigger", "below_expectation"): "实施效果未达到预期",
    ("EvaluationTrigger", "public_opinion"): "公众提出较多意见",
    ("EvaluationTrigger", "decision_body"): "决策机关决定组织评估",
    ("Conclusion", "continue"): "继续执行",
    ("Conclusion", "adjust"): "调整",
    ("Conclusion", "suspend"): "暂缓执行",
    ("Conclusion", "terminate"): "停止执行",
}

STEP_ORDER = (
    StepKind.PUBLIC_PARTICIPATION,
    StepKind.EXPERT_ARGUMENTATION,
    StepKind.RISK_ASSESSMENT,
    StepKind.LEGALITY_REVIEW,
    StepKind.COLLECTIVE_DISCUSSION,
    StepKind.PUBLICATION,
)


class DecisionCatalog(Model):
    """The yearly catalog of major administrative decisions (重大行政决策事项目录) of one government:
    the city's, a district's, or a street office's or town's.

    Unique per (year, body): each adopting body keeps one catalog a year. (year, level, district)
    would not do, since several street offices of one district may each keep a catalog; that the
    city and each district have only one government is checked by the service."""

    id = fields.IntField(primary_key=True)
    year = fields.IntField(db_index=True)
    level = fields.CharEnumField(GovLevel, max_length=16, default=GovLevel.CITY)
    district = fields.CharField(max_length=32, default="")
    body = fields.CharField(max_length=100)  # the adopting government, e.g. 广州市天河区人民政府
    status = fields.CharEnumField(CatalogStatus, max_length=16, default=CatalogStatus.DRAFT)
    approved_on = fields.DateField(null=True)
    published_at = fields.DatetimeField(null=True)
    note = fields.TextField(default="")

    class Meta:
        table = "decision_catalog"
        unique_together = (("year", "body"),)
        ordering = ["-year", "level", "district", "body"]

    @property
    def adopted_by(self) -> str:
        # Catalogs from before levels existed were all the city's and carry no body.
        return self.body or "市人民政府"


class Decision(Model):
    """重大行政决策事项: one item of a catalog and its way through the statutory procedures."""

    id = fields.IntField(primary_key=True)
    catalog: fields.ForeignKeyRelation[DecisionCatalog] = fields.ForeignKeyField(
        "models.DecisionCatalog", related_name="decisions", on_delete=fields.RESTRICT
    )
    seq = fields.IntField()
    title = fields.CharField(max_length=200)
    responsible_unit = fields.CharField(max_length=100, db_index=True)
    basis = fields.TextField(default="")
    summary = fields.TextField(default="")
    in_hearing_catalog = fields.BooleanField(default=False)
    status = fields.CharEnumField(DecisionStatus, max_length=16, default=DecisionStatus.PLANNED)
    withdrawn_reason = fields.TextField(default="")
    draft: fields.ForeignKeyNullableRelation[Draft] = fields.ForeignKeyField(
        "models.Draft", related_name="decisions", null=True, on_delete=fields.SET_NULL
    )
    decision_text = fields.TextField(default="")
    decided_on = fields.DateField(null=True)
    published_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    catalog_id: int
    draft_id: int | None

    class Meta:
        table = "decision"
        unique_together = (("catalog", "seq"),)
        ordering = ["seq"]


class ProcedureStep(Model):
    id = fields.IntField(primary_key=True)
    decision: fields.ForeignKeyRelation[Decision] = fields.ForeignKeyField(
        "models.Decision", related_name="steps", on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(StepKind, max_length=32)
    state = fields.CharEnumField(StepState, max_length=16, default=StepState.PENDING)
    not_applicable_reason = fields.TextField(default="")
    started_on = fields.DateField(null=True)
    completed_on = fields.DateField(null=True)
    responsible = fields.CharField(max_length=100, default="")  # person or body in charge (the assessor)
    notes = fields.TextField(default="")
    # 集体讨论决定 (art 30): the meeting, the outcome and any dissenting views.
    meeting = fields.CharField(max_length=200, default="")
    outcome = fields.TextField(default="")
    dissent = fields.TextField(default="")
    # 决策公布 (art 32): how public and expert opinions were adopted.
    adoption_explanation = fields.TextField(default="")
    updated_at = fields.DatetimeField(auto_now=True)

    decision_id: int

    class Meta:
        table = "procedure_step"
        unique_together = (("decision", "kind"),)


class StepDocument(Model):
    id = fields.IntField(primary_key=True)
    step: fields.ForeignKeyRelation[ProcedureStep] = fields.ForeignKeyField(
        "models.ProcedureStep", related_name="documents", on_delete=fields.CASCADE
    )
    attachment: fields.ForeignKeyRelation[Attachment] = fields.ForeignKeyField(
        "models.Attachment", related_name="step_documents", on_delete=fields.RESTRICT
    )
    title = fields.CharField(max_length=200)
    is_hearing_report = fields.BooleanField(default=False)
    public = fields.BooleanField(default=True)

    step_id: int
    attachment_id: int

    class Meta:
        table = "step_document"


class DecisionChange(Model):
    """A public record of a catalog change (调整): item added, adjusted or withdrawn, with the reason."""

    id = fields.IntField(primary_key=True)
    decision: fields.ForeignKeyRelation[Decision] = fields.ForeignKeyField(
        "models.Decision", related_name="changes", on_delete=fields.CASCADE
    )
    kind = fields.CharField(max_length=16)  # added | adjusted | withdrawn
    reason = fields.TextField()
    actor: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="decision_changes", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "decision_change"
        ordering = ["id"]


class PublicProposal(Model):
    """A citizen's proposal of a catalog item (art 10) or request for a hearing, moderated."""

    id = fields.IntField(primary_key=True)
    kind = fields.CharEnumField(ProposalKind, max_length=16)
    year = fields.IntField(db_index=True)
    decision: fields.ForeignKeyNullableRelation[Decision] = fields.ForeignKeyField(
        "models.Decision", related_name="proposals", null=True, on_delete=fields.CASCADE
    )
    title = fields.CharField(max_length=200, default="")
    body = fields.TextField()
    name = fields.CharField(max_length=100, default="")
    contact = fields.CharField(max_length=100, default="")
    moderation = fields.CharField(max_length=16, default="pending")  # pending | published | hidden
    ip_hash = fields.CharField(max_length=64, default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    decision_id: int | None

    class Meta:
        table = "public_proposal"
        ordering = ["-id"]


class Evaluation(Model):
    """决策后评估 (art 36) of a published decision."""

    id = fields.IntField(primary_key=True)
    decision: fields.ForeignKeyRelation[Decision] = fields.ForeignKeyField(
        "models.Decision", related_name="evaluations", on_delete=fields.CASCADE
    )
    trigger = fields.CharEnumField(EvaluationTrigger, max_length=32)
    evaluator = fields.CharField(max_length=100)
    started_on = fields.DateField()
    deputies_participation = fields.TextField(default="")  # 人大代表、政协委员的参与
    public_participation = fields.TextField(default="")
    questionnaire_open = fields.BooleanField(default=True)
    conclusion = fields.CharEnumField(Conclusion, max_length=16, null=True)
    summary = fields.TextField(default="")
    report: fields.ForeignKeyNullableRelation[Attachment] = fields.ForeignKeyField(
        "models.Attachment", related_name="evaluations", null=True, on_delete=fields.SET_NULL
    )
    published_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    decision_id: int

    class Meta:
        table = "evaluation"
        ordering = ["-id"]


class EvaluationIndicator(Model):
    id = fields.IntField(primary_key=True)
    evaluation: fields.ForeignKeyRelation[Evaluation] = fields.ForeignKeyField(
        "models.Evaluation", related_name="indicators", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=200)
    target = fields.CharField(max_length=100)
    actual = fields.CharField(max_length=100, default="")

    class Meta:
        table = "evaluation_indicator"
        ordering = ["id"]


class QuestionnaireResponse(Model):
    """An answer to the public questionnaire of an evaluation: satisfaction 1–5 and a remark."""

    id = fields.BigIntField(primary_key=True)
    evaluation: fields.ForeignKeyRelation[Evaluation] = fields.ForeignKeyField(
        "models.Evaluation", related_name="responses", on_delete=fields.CASCADE
    )
    satisfaction = fields.IntField()
    remark = fields.TextField(default="")
    ip_hash = fields.CharField(max_length=64, default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "questionnaire_response"
