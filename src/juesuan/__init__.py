"""juesuan — 部门决算公开: model, 审核, generation and reading of published disclosures."""

__version__ = "0.1.0"
