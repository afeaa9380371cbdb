"""What one line of a fine-tuning JSONL file must hold, checked record by record.

Two layouts are understood: OpenAI's chat layout (``{"messages": [{"role": ...,
"content": ...}, ...]}``) and the prompt-completion layout (``{"prompt": ...,
"completion": ...}``) used by older APIs and by open-weight trainers such as
TRL. :func:`check_record` turns one parsed JSON value into either a list of
problems or the texts it holds, so the streaming reader in
:mod:`ftlib.datacheck` never needs to know the layouts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .errors import check_choice

__all__ = ["DATA_FORMATS", "CHAT_ROLES", "ERROR_KINDS", "RecordCheck", "check_record"]

DATA_FORMATS: tuple[str, ...] = ("auto", "openai-chat", "prompt-completion")
CHAT_ROLES: tuple[str, ...] = ("system", "developer", "user", "assistant", "tool")

# Every kind of error the checker reports, with what it means (the CLI's --json uses these ids).
ERROR_KINDS: dict[str, str] = {
    "empty-file": "the file holds no examples at all",
    "not-utf8": "the line's bytes are not valid UTF-8 text",
    "line-too-long": "the line is longer than the reader accepts (max_line_bytes)",
    "malformed-json": "the line is not valid JSON",
    "not-an-object": "the line is valid JSON but not an object {...}",
    "unknown-format": "the object has neither a 'messages' list nor 'prompt'/'completion'",
    "mixed-format": "the line uses a different layout from the file's first example",
    "missing-field": "a field the layout requires is absent",
    "wrong-type": "a field has the wrong JSON type (e.g. messages not a list)",
    "missing-role": "a chat message has no 'role'",
    "unknown-role": "a chat message's role is not one of " + ", ".join(CHAT_ROLES),
    "non-string-content": "a message's content is not a string (or a list of text parts)",
    "empty-content": "a message's content is empty or only whitespace",
    "no-assistant": "a chat example has no assistant message to learn from",
}


@dataclass(frozen=True)
class RecordCheck:
    """One record, checked: its layout, its problems, and (when valid) its texts by role.

    ``texts`` holds ``(role, text)`` pairs in order (``prompt``/``completion`` for that
    layout); ``extra_text`` is text that also costs tokens without being a message
    (tool definitions, tool calls); ``input_text`` is what a test item is compared on
    (the user turns, or the prompt).
    """

    format: str | None
    problems: tuple[tuple[str, str], ...] = ()
    texts: tuple[tuple[str, str], ...] = ()
    extra_text: str = ""
    input_text: str = ""

    @property
    def ok(self) -> bool:
        """True when the record has no problem."""
        return not self.problems


def check_record(record: Any, fmt: str = "auto") -> RecordCheck:
    """Check one parsed JSON line against a fine-tuning layout.

    Parameters
    ----------
    record
        The value ``json.loads`` returned for the line.
    fmt
        ``"openai-chat"``, ``"prompt-completion"`` or ``"auto"`` (decided from the keys).

    Returns
    -------
    RecordCheck
        ``problems`` is a tuple of ``(kind, message)`` with kinds from ``ERROR_KINDS``.

    Examples
    --------
    >>> check_record({"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]}).ok
    True
    >>> check_record({"messages": [{"role": "user", "content": "Hi"}]}).problems[0][0]
    'no-assistant'
    >>> check_record([1, 2]).problems[0][0]
    'not-an-object'
    """
    fmt = check_choice("format", fmt, DATA_FORMATS)
    if not isinstance(record, dict):
        return RecordCheck(
            None, (("not-an-object", f"expected a JSON object, got {_json_type(record)}"),)
        )
    if fmt == "auto":
        if "messages" in record:
            fmt = "openai-chat"
        elif "prompt" in record or "completion" in record:
            fmt = "prompt-completion"
        else:
            keys = ", ".join(sorted(map(str, record))[:5]) or "none"
            return RecordCheck(
                None,
                (
                    (
                        "unknown-format",
                        f"no 'messages' list and no 'prompt'/'completion' (keys: {keys})",
                    ),
                ),
            )
    return _check_chat(record) if fmt == "openai-chat" else _check_prompt_completion(record)


def _check_chat(record: dict) -> RecordCheck:
    """Problems and texts of one chat-layout record."""
    if "messages" not in record:
        hint = " (this line looks like prompt-completion)" if "prompt" in record else ""
        return RecordCheck("openai-chat", (("missing-field", f"no 'messages' field{hint}"),))
    messages = record["messages"]
    if not isinstance(messages, list):
        return RecordCheck(
            "openai-chat",
            (("wrong-type", f"'messages' must be a list, got {_json_type(messages)}"),),
        )
    problems: list[tuple[str, str]] = []
    texts: list[tuple[str, str]] = []
    extra: list[str] = []
    has_assistant = False
    for i, message in enumerate(messages, start=1):
        where = f"message {i}"
        if not isinstance(message, dict):
            problems.append(("wrong-type", f"{where} must be an object, got {_json_type(message)}"))
            continue
        role = message.get("role")
        if role is None:
            problems.append(("missing-role", f"{where} has no 'role'"))
            continue
        if not isinstance(role, str) or role not in CHAT_ROLES:
            problems.append(
                (
                    "unknown-role",
                    f"{where} has role {_short(role)}; expected one of {', '.join(CHAT_ROLES)}",
                )
            )
            continue
        has_assistant |= role == "assistant"
        calls = [message[k] for k in ("tool_calls", "function_call") if message.get(k) is not None]
        if calls:
            extra.append(json.dumps(calls, ensure_ascii=False))
        text, problem = _content_text(
            message.get("content"), may_be_absent=role == "assistant" and bool(calls)
        )
        if problem:
            problems.append((problem[0], f"{where} ({role}): {problem[1]}"))
            continue
        if "weight" in message and message["weight"] not in (0, 1):
            problems.append(
                (
                    "wrong-type",
                    f"{where} ({role}): 'weight' must be 0 or 1, got {_short(message['weight'])}",
                )
            )
            continue
        texts.append((role, text))
    if not has_assistant and not any(
        k == "unknown-role" or k == "missing-role" for k, _ in problems
    ):
        problems.append(
            ("no-assistant", "no message with role 'assistant', so there is nothing to learn")
        )
    if "tools" in record:
        extra.append(json.dumps(record["tools"], ensure_ascii=False))
    if problems:
        return RecordCheck("openai-chat", tuple(problems))
    user_text = "\n".join(text for role, text in texts if role == "user")
    return RecordCheck("openai-chat", (), tuple(texts), "\n".join(extra), user_text)


def _check_prompt_completion(record: dict) -> RecordCheck:
    """Problems and texts of one prompt-completion record."""
    problems: list[tuple[str, str]] = []
    texts: list[tuple[str, str]] = []
    for field in ("prompt", "completion"):
        if field not in record:
            hint = " (this line looks like the chat layout)" if "messages" in record else ""
            problems.append(("missing-field", f"no '{field}' field{hint}"))
            continue
        text, problem = _content_text(record[field], may_be_absent=False, allow_parts=False)
        if problem:
            problems.append((problem[0], f"'{field}': {problem[1]}"))
        else:
            texts.append((field, text))
    if problems:
        return RecordCheck("prompt-completion", tuple(problems))
    return RecordCheck("prompt-completion", (), tuple(texts), "", texts[0][1])


def _content_text(
    content: Any, *, may_be_absent: bool, allow_parts: bool = True
) -> tuple[str, tuple[str, str] | None]:
    """The text of a content field, or the problem with it."""
    if content is None:
        if may_be_absent:
            return "", None
        return "", ("non-string-content", "content is missing or null")
    if (
        isinstance(content, list) and allow_parts
    ):  # OpenAI content parts: [{"type": "text", "text": "..."}]
        pieces = []
        for part in content:
            if not isinstance(part, dict) or not isinstance(part.get("type"), str):
                return "", ("non-string-content", "a content part must be an object with a 'type'")
            if part["type"] == "text":
                if not isinstance(part.get("text"), str):
                    return "", ("non-string-content", "a text part needs a string 'text'")
                pieces.append(part["text"])
        content = "".join(pieces)
        if not pieces:
            return "", None  # e.g. an image only: not text, not empty
    if not isinstance(content, str):
        return "", ("non-string-content", f"content must be a string, got {_json_type(content)}")
    if not content.strip() and not may_be_absent:
        return "", (
            "empty-content",
            "content is empty" if not content else "content is only whitespace",
        )
    return content, None


def _json_type(value: Any) -> str:
    """The JSON name of a Python value's type."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _short(value: Any, limit: int = 30) -> str:
    """repr of a value, cut to ``limit`` characters for one-line messages."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
