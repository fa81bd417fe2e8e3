"""The library's staff forms: publishing a document (directly, or from an adopted draft), correcting one.
Each reads and checks its fields and gives back what was typed; the rules themselves (the level from
the issuer's name, the review a publication stands on) live in the services, which the forms ask."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from starlette.datastructures import FormData

from portal.models import IssuerLevel, NormativeDocument
from portal.services import library
from portal.services.library_reviews import MAX_EXEMPTION_CHARS
from portal.services.library_revisions import MAX_NOTE_CHARS
from portal.web.forms import parse_date, text, whole_number

MAX_TEXT = 500_000
DATE_HINT = "请按 年-月-日 格式填写日期，如 2026-03-01。"


@dataclass
class IssuedFields:
    """What every library form shares: level, district, dates and validity, 文号 and 政策解读."""

    doc_number: str = ""
    issuer_level: str = ""  # "" = as the issuer's name says
    district: str = ""
    issued_on: str = ""
    effective_on: str = ""
    valid_years: str = "5"
    expires_on: str = ""
    interpretation: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    def read_issued(self, form: FormData) -> None:
        self.doc_number = text(form, "doc_number", max_length=100)
        self.issuer_level = text(form, "issuer_level", max_length=2)
        self.district = text(form, "district", max_length=32)
        self.issued_on = text(form, "issued_on", max_length=10)
        self.effective_on = text(form, "effective_on", max_length=10)
        self.valid_years = text(form, "valid_years", max_length=2)
        self.expires_on = text(form, "expires_on", max_length=10)
        self.interpretation = text(form, "interpretation", max_length=50_000)
        if self.issuer_level and self.issuer_level not in {lv.value for lv in IssuerLevel}:
            self.errors["issuer_level"] = "请从列表中选择制定机关层级。"
        for name in ("issued_on", "effective_on"):
            if parse_date(getattr(self, name)) is None:
                self.errors[name] = DATE_HINT
        if self.expires_on and parse_date(self.expires_on) is None:
            self.errors["expires_on"] = "请按 年-月-日 格式填写日期，或留空。"
        if self.valid_years not in ("", "3", "5"):
            self.errors["valid_years"] = "有效期请选择 3 年、5 年或不规定。"

    def check_issuer(self, issuer: str) -> None:
        """The level and district against the issuer's name (services.issuers), shown by the field."""
        if not issuer or "issuer_level" in self.errors:
            return
        try:
            library.resolve_issuer(issuer, self.level, self.district)
        except library.LibraryError as exc:
            self.errors[exc.field] = str(exc)

    @property
    def level(self) -> IssuerLevel | None:
        return (
            IssuerLevel(self.issuer_level) if self.issuer_level in IssuerLevel.__members__.values() else None
        )

    @property
    def issued(self) -> date:
        value = parse_date(self.issued_on)
        assert value is not None, "read_issued refused it"
        return value

    @property
    def effective(self) -> date:
        value = parse_date(self.effective_on)
        assert value is not None, "read_issued refused it"
        return value

    def expiry(self) -> date | None:
        explicit = parse_date(self.expires_on) if self.expires_on else None
        if explicit is not None:
            return explicit
        return library.valid_until(self.effective, int(self.valid_years)) if self.valid_years else None


@dataclass
class ReviewBasisFields:
    """The legality review a publication stands on (from the select), or the exemption's reason."""

    review_id: str = ""
    review_exemption: str = ""

    def read_basis(self, form: FormData, errors: dict[str, str]) -> None:
        self.review_id = text(form, "review_id", max_length=12)
        self.review_exemption = text(form, "review_exemption", max_length=MAX_EXEMPTION_CHARS + 1)
        if self.review_id and whole_number(self.review_id, minimum=1) is None:
            errors["review_id"] = "请从列表中选择合法性审核。"

    @property
    def review(self) -> int | None:
        return whole_number(self.review_id, minimum=1)


@dataclass
class DocumentForm(IssuedFields, ReviewBasisFields):
    """A document published directly (not from a consultation draft)."""

    title: str = ""
    issuer: str = ""
    topic: str = ""
    text: str = ""
    amends: str = ""
    repeals: str = ""

    @classmethod
    def parse(cls, form: FormData) -> DocumentForm:
        result = cls(
            title=text(form, "title", max_length=300),
            issuer=text(form, "issuer", max_length=100),
            topic=text(form, "topic", max_length=64),
            text=text(form, "text", max_length=MAX_TEXT),
            amends=text(form, "amends", max_length=500),
            repeals=text(form, "repeals", max_length=500),
        )
        result.read_issued(form)
        result.read_basis(form, result.errors)
        if not result.title:
            result.errors["title"] = "请填写文件标题。"
        if not result.issuer:
            result.errors["issuer"] = "请填写制定机关。"
        result.check_issuer(result.issuer)
        if not result.text:
            result.errors["text"] = "请粘贴文件全文。"
        return result

    def document(self) -> library.DocumentInput:
        return library.DocumentInput(
            title=self.title,
            issuer=self.issuer,
            issuer_level=self.level,
            issued_on=self.issued,
            effective_on=self.effective,
            expires_on=self.expiry(),
            text=self.text,
            doc_number=self.doc_number,
            district=self.district,
            topic=self.topic,
            interpretation=self.interpretation,
            review_id=self.review,
            review_exemption=self.review_exemption,
        )


@dataclass
class AdoptionForm(IssuedFields, ReviewBasisFields):
    """An adopted 行政规范性文件 draft published to the library (its title, issuer and text are the
    draft's)."""

    topic: str = ""

    @classmethod
    def parse(cls, form: FormData, issuer: str) -> AdoptionForm:
        result = cls(topic=text(form, "topic", max_length=64))
        result.read_issued(form)
        result.read_basis(form, result.errors)
        result.check_issuer(issuer)
        return result

    def adoption(self) -> library.AdoptionInput:
        return library.AdoptionInput(
            issuer_level=self.level,
            issued_on=self.issued,
            effective_on=self.effective,
            expires_on=self.expiry(),
            doc_number=self.doc_number,
            district=self.district,
            topic=self.topic,
            interpretation=self.interpretation,
            review_id=self.review,
            review_exemption=self.review_exemption,
        )


@dataclass
class CorrectionForm(IssuedFields):
    """A correction of a published document, with its public note."""

    title: str = ""
    text: str = ""
    note: str = ""

    @classmethod
    def of(cls, document: NormativeDocument) -> CorrectionForm:
        """The form filled with the document as published now."""
        return cls(
            title=document.title,
            text=document.text,
            doc_number=document.doc_number,
            issuer_level=document.issuer_level.value,
            district=document.district,
            issued_on=document.issued_on.isoformat(),
            effective_on=document.effective_on.isoformat(),
            valid_years="",
            expires_on=document.expires_on.isoformat() if document.expires_on else "",
            interpretation=document.interpretation,
        )

    @classmethod
    def parse(cls, form: FormData, issuer: str) -> CorrectionForm:
        result = cls(
            title=text(form, "title", max_length=300),
            text=text(form, "text", max_length=MAX_TEXT),
            note=text(form, "note", max_length=MAX_NOTE_CHARS + 1),
        )
        result.read_issued(form)
        if not result.title:
            result.errors["title"] = "请填写文件标题。"
        if not result.text:
            result.errors["text"] = "请粘贴文件全文。"
        if not result.note:
            result.errors["note"] = "请写明更正了什么、为什么更正，该说明将在文件页面公开。"
        result.check_issuer(issuer)
        return result
