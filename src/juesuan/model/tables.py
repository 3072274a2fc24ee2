"""The nine standard tables (公开01–09表) as typed rows.

Function-classification tables (02, 03, 05, 08, 09) hold a printed 合计 row
(``total``) and an ordered list of 类/款/项 rows keyed by their cumulative code
("201", "20106", "2010601"). The printed 合计 is kept separately from the rows
because 审核 must compare what was printed against what the rows add up to.
Amounts default to 0.00: a blank cell in a published table means zero.
"""

from __future__ import annotations

from typing import ClassVar, Iterator

from pydantic import Field, field_validator

from .base import CodeText, Frozen, checked_code
from .money import ZERO, Money
from .table_schema import schema, table_schema


class CodedRow(Frozen):
    """A row keyed by a classification code; the name is as printed."""

    code: CodeText
    name: str = ""
    amount_columns: ClassVar[tuple[str, ...]] = ()
    code_lengths: ClassVar[tuple[int, ...]] = schema().row_families["function"].code_lengths

    @field_validator("code", mode="before")
    @classmethod
    def _code(cls, value: object) -> str:
        return checked_code(value, cls.code_lengths, allow_total=True)

    @property
    def level(self) -> int:
        """1 = 类 (3 digits), 2 = 款 (5), 3 = 项 (7) for 功能分类; 类/款 for 经济分类."""
        return {3: 1, 5: 2, 7: 3}.get(len(self.code), 0)

    def amounts(self) -> Iterator[tuple[str, object]]:
        for column in self.amount_columns:
            yield column, getattr(self, column)


class IncomeRow(CodedRow):
    """公开02 收入决算表 row."""

    amount_columns: ClassVar = table_schema("income").fields
    total: Money = ZERO
    fiscal_appropriation: Money = ZERO
    higher_level_subsidy: Money = ZERO
    business: Money = ZERO
    operating: Money = ZERO
    affiliated_remittance: Money = ZERO
    other: Money = ZERO


class ExpenditureRow(CodedRow):
    """公开03 支出决算表 row."""

    amount_columns: ClassVar = table_schema("expenditure").fields
    total: Money = ZERO
    basic: Money = ZERO
    project: Money = ZERO
    remit_to_higher: Money = ZERO
    operating: Money = ZERO
    subsidy_to_affiliated: Money = ZERO


class GeneralBudgetRow(CodedRow):
    """公开05 一般公共预算财政拨款支出决算表 row."""

    amount_columns: ClassVar = table_schema("general_budget").fields
    total: Money = ZERO
    basic: Money = ZERO
    project: Money = ZERO


class FundRow(CodedRow):
    """公开08/09 政府性基金 / 国有资本经营 预算财政拨款收入支出决算表 row."""

    amount_columns: ClassVar = table_schema("government_fund").fields  # 公开09 has the same (columns_from)
    opening_balance: Money = ZERO
    income: Money = ZERO
    expenditure: Money = ZERO
    basic: Money = ZERO
    project: Money = ZERO
    closing_balance: Money = ZERO


class EconomicRow(CodedRow):
    """公开06 基本支出决算表 row (经济分类 类 or 款)."""

    amount_columns: ClassVar = table_schema("basic_expenditure").fields
    code_lengths: ClassVar = schema().row_families["economic"].code_lengths
    amount: Money = ZERO


class TableBase(Frozen):
    """Common table metadata: whether it is an empty table, and its printed notes.

    ``missing`` is different from ``empty``: the source does not contain the table at all
    (a text that says 见附表 without the attachment, a reader that found no such table), so
    its cells are unknown rather than zero and nothing may be checked against them.
    """

    empty: bool = False
    empty_note: str | None = None
    note: str | None = None
    missing: bool = False


class CodedTable(TableBase):
    """A table of coded rows with a printed 合计 row."""

    row_type: ClassVar[type[CodedRow]] = CodedRow

    def find(self, code: str) -> CodedRow | None:
        for row in self.rows:  # type: ignore[attr-defined]
            if row.code == code:
                return row
        return None

    def rows_at(self, level: int) -> list[CodedRow]:
        return [row for row in self.rows if row.level == level]  # type: ignore[attr-defined]


class IncomeTable(CodedTable):
    row_type: ClassVar = IncomeRow
    total: IncomeRow = Field(default_factory=lambda: IncomeRow(code="合计", name="合计"))
    rows: tuple[IncomeRow, ...] = ()


class ExpenditureTable(CodedTable):
    row_type: ClassVar = ExpenditureRow
    total: ExpenditureRow = Field(default_factory=lambda: ExpenditureRow(code="合计", name="合计"))
    rows: tuple[ExpenditureRow, ...] = ()


class GeneralBudgetTable(CodedTable):
    row_type: ClassVar = GeneralBudgetRow
    total: GeneralBudgetRow = Field(default_factory=lambda: GeneralBudgetRow(code="合计", name="合计"))
    rows: tuple[GeneralBudgetRow, ...] = ()


class FundTable(CodedTable):
    row_type: ClassVar = FundRow
    total: FundRow = Field(default_factory=lambda: FundRow(code="合计", name="合计"))
    rows: tuple[FundRow, ...] = ()


class BasicExpenditureTable(CodedTable):
    """公开06: 经济分类 类/款 rows and the two printed footers."""

    row_type: ClassVar = EconomicRow
    rows: tuple[EconomicRow, ...] = ()
    personnel_total: Money = ZERO
    public_total: Money = ZERO


class SummaryIncome(Frozen):
    """公开01 income side, fixed lines 一~八 and the tail lines."""

    general_budget: Money = ZERO
    government_fund: Money = ZERO
    state_capital: Money = ZERO
    higher_level_subsidy: Money = ZERO
    business: Money = ZERO
    operating: Money = ZERO
    affiliated_remittance: Money = ZERO
    other: Money = ZERO
    total: Money = ZERO
    use_of_non_fiscal_surplus: Money = ZERO
    opening_balance: Money = ZERO
    grand_total: Money = ZERO

    SOURCE_LINES: ClassVar = table_schema("summary").line_fields("income")  # 一~八


class ClassLine(Frozen):
    """One 类 row of an expense side (公开01/04), kept even when zero."""

    code: CodeText
    name: str = ""
    amount: Money = ZERO

    _code = field_validator("code", mode="before")(classmethod(lambda cls, v: checked_code(v, (3,))))


class SummaryExpenditure(Frozen):
    """公开01 expense side: one line per 类, then the tail lines."""

    classes: tuple[ClassLine, ...] = ()
    total: Money = ZERO
    surplus_distribution: Money = ZERO
    closing_balance: Money = ZERO
    grand_total: Money = ZERO


class SummaryTable(TableBase):
    """公开01 收入支出决算总表."""

    income: SummaryIncome = Field(default_factory=SummaryIncome)
    expenditure: SummaryExpenditure = Field(default_factory=SummaryExpenditure)


class BySource(Frozen):
    """An amount split by the three 财政拨款 sources (公开04 columns)."""

    total: Money = ZERO
    general_budget: Money = ZERO
    government_fund: Money = ZERO
    state_capital: Money = ZERO


class FiscalClassLine(Frozen):
    """公开04 expense row: one 类 with its split by source."""

    code: CodeText
    name: str = ""
    total: Money = ZERO
    general_budget: Money = ZERO
    government_fund: Money = ZERO
    state_capital: Money = ZERO

    _code = field_validator("code", mode="before")(classmethod(lambda cls, v: checked_code(v, (3,))))


class FiscalIncome(Frozen):
    general_budget: Money = ZERO
    government_fund: Money = ZERO
    state_capital: Money = ZERO
    total: Money = ZERO
    opening_balance: BySource = Field(default_factory=BySource)
    grand_total: Money = ZERO


class FiscalExpenditure(Frozen):
    classes: tuple[FiscalClassLine, ...] = ()
    total: BySource = Field(default_factory=BySource)
    closing_balance: BySource = Field(default_factory=BySource)
    grand_total: BySource = Field(default_factory=BySource)


class FiscalSummaryTable(TableBase):
    """公开04 财政拨款收入支出决算总表."""

    income: FiscalIncome = Field(default_factory=FiscalIncome)
    expenditure: FiscalExpenditure = Field(default_factory=FiscalExpenditure)


class ThreePublicAmounts(Frozen):
    """The six amounts of 公开07 for one of 预算数 / 决算数."""

    total: Money = ZERO
    overseas: Money = ZERO
    vehicle_total: Money = ZERO
    vehicle_purchase: Money = ZERO
    vehicle_operation: Money = ZERO
    reception: Money = ZERO


class ThreePublicTable(TableBase):
    """公开07 财政拨款“三公”经费支出决算表: 预算数 and 决算数."""

    budget: ThreePublicAmounts = Field(default_factory=ThreePublicAmounts)
    final: ThreePublicAmounts = Field(default_factory=ThreePublicAmounts)


class Tables(Frozen):
    """The nine tables in MOF order. Each may be marked ``empty`` with its note."""

    summary: SummaryTable = Field(default_factory=SummaryTable)
    income: IncomeTable = Field(default_factory=IncomeTable)
    expenditure: ExpenditureTable = Field(default_factory=ExpenditureTable)
    fiscal_summary: FiscalSummaryTable = Field(default_factory=FiscalSummaryTable)
    general_budget: GeneralBudgetTable = Field(default_factory=GeneralBudgetTable)
    basic_expenditure: BasicExpenditureTable = Field(default_factory=BasicExpenditureTable)
    three_public: ThreePublicTable = Field(default_factory=ThreePublicTable)
    government_fund: FundTable = Field(default_factory=FundTable)
    state_capital: FundTable = Field(default_factory=FundTable)


TABLE_KEYS: tuple[tuple[str, str, str], ...] = tuple((t.key, t.code, t.title) for t in schema().tables)
"""(field name, MOF code, title): the canonical order of the nine tables (table_schema.yaml)."""
