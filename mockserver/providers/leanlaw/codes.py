"""The LEDES code sets GetCodes answers with: the public UTBMS activity, litigation task and expense codes."""

from __future__ import annotations

from typing import Any

ACTIVITY_SET = "utbms-activity"
TASK_SET = "utbms-litigation"
EXPENSE_SET = "utbms-expense"

CODE_SETS: tuple[tuple[str, str, str], ...] = (
    (ACTIVITY_SET, "UTBMS Activity", "Uniform Task-Based Management System activity codes"),
    (TASK_SET, "UTBMS Litigation", "Uniform Task-Based Management System litigation task codes"),
    (EXPENSE_SET, "UTBMS Expense", "Uniform Task-Based Management System expense codes"),
)

# (code, label, parent code); a code that is some other code's parent is a heading, not selectable.
ACTIVITY: tuple[tuple[str, str, str | None], ...] = (
    ("A101", "Plan and prepare for", None),
    ("A102", "Research", None),
    ("A103", "Draft/revise", None),
    ("A104", "Review/analyze", None),
    ("A105", "Communicate (in firm)", None),
    ("A106", "Communicate (with client)", None),
    ("A107", "Communicate (other outside counsel)", None),
    ("A108", "Communicate (other external)", None),
    ("A109", "Appear for/attend", None),
    ("A110", "Manage data/files", None),
    ("A111", "Other", None),
)

TASK: tuple[tuple[str, str, str | None], ...] = (
    ("L100", "Case Assessment, Development and Administration", None),
    ("L110", "Fact Investigation/Development", "L100"),
    ("L120", "Analysis/Strategy", "L100"),
    ("L130", "Experts/Consultants", "L100"),
    ("L140", "Document/File Management", "L100"),
    ("L200", "Pre-Trial Pleadings and Motions", None),
    ("L210", "Pleadings", "L200"),
    ("L220", "Preliminary Injunctions/Provisional Remedies", "L200"),
    ("L240", "Dispositive Motions", "L200"),
    ("L300", "Discovery", None),
    ("L310", "Written Discovery", "L300"),
    ("L320", "Document Production", "L300"),
    ("L330", "Depositions", "L300"),
    ("L400", "Trial Preparation and Trial", None),
    ("L430", "Written Motions and Submissions", "L400"),
    ("L450", "Trial and Hearing Attendance", "L400"),
)

EXPENSE: tuple[tuple[str, str, str | None], ...] = (
    ("E101", "Copying", None),
    ("E102", "Outside printing", None),
    ("E105", "Telephone", None),
    ("E106", "Online research", None),
    ("E107", "Delivery services/messengers", None),
    ("E108", "Postage", None),
    ("E110", "Out-of-town travel", None),
    ("E112", "Court fees", None),
    ("E115", "Deposition transcripts", None),
    ("E119", "Experts", None),
    ("E124", "Other", None),
)


def _details(rows: tuple[tuple[str, str, str | None], ...], code_set: str) -> list[dict[str, Any]]:
    parents = {parent for _, _, parent in rows if parent}
    return [
        {"code": code, "label": label, "codeSetId": code_set, "parentCode": parent, "selectable": code not in parents}
        for code, label, parent in rows
    ]


def code_list() -> dict[str, Any]:
    """The CodeList body (built fresh, so a caller may not change the shared table)."""
    return {
        "activity": _details(ACTIVITY, ACTIVITY_SET),
        "task": _details(TASK, TASK_SET),
        "expense": _details(EXPENSE, EXPENSE_SET),
        "codeSets": [{"codeSetId": i, "label": label, "description": d} for i, label, d in CODE_SETS],
    }


def selectable(kind: str) -> frozenset[str]:
    """The codes of one kind (activity, task, expense) that may go on a billable item."""
    rows = {"activity": ACTIVITY, "task": TASK, "expense": EXPENSE}[kind]
    parents = {parent for _, _, parent in rows if parent}
    return frozenset(code for code, _, _ in rows if code not in parents)
