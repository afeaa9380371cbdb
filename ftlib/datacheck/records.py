"""What one line of a fine-tuning JSONL file must hold, for each provider's layout.

Nine layouts are understood (``DATA_FORMATS``): OpenAI's chat layout for
supervised fine-tuning, its preference (DPO) and reinforcement (RFT) records,
Amazon Bedrock's Claude conversation records, Vertex AI's Gemini
``contents``/``parts``, Mistral's chat layout, and Hugging Face TRL's
conversational and prompt-completion datasets (the last also reads the older
OpenAI ``prompt``/``completion`` files). :func:`parse_line` turns the text of one
line into a JSON value, refusing what Python's reader accepts but JSON does not
(``NaN``, ``Infinity``, repeated keys, lone surrogates); :func:`check_record`
turns that value into either problems or the texts it holds, so the streaming
reader never needs to know the layouts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..core.errors import check_choice
from .text import shown

__all__ = [
    "DATA_FORMATS",
    "CHAT_ROLES",
    "ERROR_KINDS",
    "RecordCheck",
    "check_record",
    "detect_format",
    "parse_line",
]

DATA_FORMATS: tuple[str, ...] = (
    "auto",
    "openai-chat",
    "openai-dpo",
    "openai-rft",
    "bedrock-claude",
    "vertex-gemini",
    "mistral",
    "trl-conversational",
    "prompt-completion",
)
CHAT_ROLES: tuple[str, ...] = ("system", "developer", "user", "assistant", "tool")

# Every kind of error the checker reports, with what it means (the CLI's --json uses these ids).
ERROR_KINDS: dict[str, str] = {
    "empty-file": "the file holds no examples at all",
    "not-utf8": "the line's bytes are not valid UTF-8 text",
    "line-too-long": "the line is longer than the reader accepts (max_line_bytes)",
    "malformed-json": "the line is not valid JSON",
    "not-an-object": "the line is valid JSON but not an object {...}",
    "unknown-format": "the object matches none of the layouts (see DATA_FORMATS)",
    "mixed-format": "the line uses a different layout from the file's first example",
    "missing-field": "a field the layout requires is absent",
    "wrong-type": "a field has the wrong JSON type (e.g. messages not a list)",
    "missing-role": "a chat message has no 'role'",
    "unknown-role": "a message's role is not one the layout allows",
    "non-string-content": "a message's content is not a string (or a list of text parts)",
    "empty-content": "a message's content is empty or only whitespace",
    "no-assistant": "a chat example has no assistant (or model) message to learn from",
    "no-user": "a chat example has no user message",
    "unknown-key": "a message holds a key the layout does not define (e.g. 'timestamp')",
    "bad-order": "the messages are not in the order the layout requires",
    "invalid-number": "NaN or Infinity: Python reads them, JSON and the providers do not",
    "lone-surrogate": "a string holds half of a UTF-16 surrogate pair, which is not text",
    "duplicate-key": "an object repeats a key, and readers disagree on which value wins",
}

_OPENAI_MESSAGE_KEYS = frozenset(
    {"role", "content", "name", "weight", "tool_calls", "function_call", "tool_call_id", "refusal"}
)


@dataclass(frozen=True)
class _Chat:
    """How one chat-like layout is checked."""

    roles: tuple[str, ...]
    message_keys: frozenset[str] | None  # None: any key
    needs_user: bool = True
    needs_reply: bool = True  # at least one message of the reply role
    first: str | None = None
    last: str | None = None
    alternate: bool = False
    overhead: bool = False  # OpenAI's per-message and per-example tokens
    weights: bool = True


_CHAT_LAYOUTS: dict[str, _Chat] = {
    "openai-chat": _Chat(CHAT_ROLES, _OPENAI_MESSAGE_KEYS, overhead=True),
    "openai-rft": _Chat(
        ("developer", "system", "user", "assistant", "tool"),
        _OPENAI_MESSAGE_KEYS,
        needs_reply=False,
        last="user",
        overhead=True,
    ),
    "bedrock-claude": _Chat(
        ("user", "assistant"),
        frozenset({"role", "content"}),
        first="user",
        last="assistant",
        alternate=True,
        weights=False,
    ),
    "mistral": _Chat(
        ("system", "user", "assistant", "tool"),
        frozenset({"role", "content", "tool_calls", "tool_call_id", "weight", "name"}),
    ),
    "trl-conversational": _Chat(CHAT_ROLES, None),
}


@dataclass(frozen=True)
class RecordCheck:
    """One record, checked: its layout, its problems, and (when valid) its texts by role.

    ``texts`` holds ``(role, text)`` pairs in order (``prompt``/``completion``,
    ``preferred``/``non-preferred`` or ``model`` where the layout names them so);
    ``extra_text`` is text that also costs tokens without being a message (tool
    definitions, tool calls); ``input_text`` is what a test item is compared on (the
    user turns, or the prompt); ``overhead`` says whether OpenAI's per-message tokens apply.
    """

    format: str | None
    problems: tuple[tuple[str, str], ...] = ()
    texts: tuple[tuple[str, str], ...] = ()
    extra_text: str = ""
    input_text: str = ""
    overhead: bool = False

    @property
    def ok(self) -> bool:
        """True when the record has no problem."""
        return not self.problems


class LineProblem(ValueError):
    """A line that Python's JSON reader would accept but a provider would not."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


def _reject_constant(name: str) -> Any:
    raise LineProblem(
        "invalid-number", f"{name} is not a JSON number (write null, or a finite value)"
    )


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    record = dict(pairs)
    if len(record) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise LineProblem("duplicate-key", f"key {shown(key)} appears twice in one object")
            seen.add(key)
    return record


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF]")


def parse_line(text: str) -> Any:
    """Parse one line as strict JSON: no NaN/Infinity, no repeated key, no lone surrogate.

    Raises ``LineProblem`` (with a ``kind`` from ``ERROR_KINDS``) for those three, and
    ``ValueError``/``RecursionError`` as ``json.loads`` does for malformed text.

    Examples
    --------
    >>> parse_line('{"a": 1}')
    {'a': 1}
    >>> parse_line('{"a": NaN}')
    Traceback (most recent call last):
    ...
    ftlib.datacheck.records.LineProblem: NaN is not a JSON number (write null, or a finite value)
    """
    value = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_reject_constant)
    if "\\" in text and _SURROGATE_ESCAPE.search(text):
        for where, string in _strings(value, "the line"):
            try:
                string.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise LineProblem(
                    "lone-surrogate",
                    f"{where} holds a lone surrogate \\u{ord(string[exc.start]):04x}"
                    " (half of a UTF-16 pair; the text was cut or mis-encoded)",
                ) from None
    return value


def _strings(value: Any, where: str) -> Iterator[tuple[str, str]]:
    """Every string in a parsed value, keys included, with where it sits."""
    stack = [(value, where)]
    while stack:
        item, at = stack.pop()
        if isinstance(item, str):
            yield at, item
        elif isinstance(item, dict):
            for key, sub in item.items():
                yield f"a key in {at}", key
                stack.append((sub, f"the value of {shown(key, 30)}"))
        elif isinstance(item, list):
            stack.extend((sub, at) for sub in item)


def detect_format(record: dict) -> str | None:
    """The layout a record's keys point to, when they point to one; else ``None``.

    ``messages`` alone reads as ``openai-chat`` (Mistral, TRL and RFT files share that
    shape: name them with ``format``); a top-level ``system`` string marks Bedrock's layout.

    Examples
    --------
    >>> detect_format({"contents": []}), detect_format({"system": "s", "messages": []})
    ('vertex-gemini', 'bedrock-claude')
    >>> detect_format({"input": {}, "preferred_output": []}), detect_format({"x": 1}) is None
    ('openai-dpo', True)
    """
    if "contents" in record:
        return "vertex-gemini"
    if "input" in record and ("preferred_output" in record or "non_preferred_output" in record):
        return "openai-dpo"
    if "messages" in record:
        return "bedrock-claude" if isinstance(record.get("system"), str) else "openai-chat"
    if "prompt" in record or "completion" in record:
        return "prompt-completion"
    return None


def check_record(record: Any, fmt: str = "auto") -> RecordCheck:
    """Check one parsed JSON line against a fine-tuning layout.

    Parameters
    ----------
    record
        The value :func:`parse_line` (or ``json.loads``) returned for the line.
    fmt
        One of ``DATA_FORMATS``; ``"auto"`` decides from the keys (:func:`detect_format`).

    Returns
    -------
    RecordCheck
        ``problems`` is a tuple of ``(kind, message)`` with kinds from ``ERROR_KINDS``.

    Examples
    --------
    >>> ok = {"messages": [{"role": "user", "content": "Hi"},
    ...                    {"role": "assistant", "content": "Hello"}]}
    >>> check_record(ok).ok
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
        detected = detect_format(record)
        if detected is None:
            keys = ", ".join(shown(k, 24) for k in sorted(map(str, record))[:5]) or "none"
            return RecordCheck(
                None,
                (
                    (
                        "unknown-format",
                        "no 'messages', 'contents', 'input'/'preferred_output' or"
                        f" 'prompt'/'completion' (keys: {keys})",
                    ),
                ),
            )
        fmt = detected
    if fmt in _CHAT_LAYOUTS:
        return _check_chat(record, fmt)
    if fmt == "openai-dpo":
        return _check_dpo(record)
    if fmt == "vertex-gemini":
        return _check_gemini(record)
    return _check_prompt_completion(record)


def _messages(record: dict, fmt: str, field: str = "messages") -> tuple[Any, RecordCheck | None]:
    """The record's list of messages, or the problem with it."""
    if field not in record:
        other = detect_format(record)
        hint = f" (this line looks like {other})" if other and other != fmt else ""
        return None, RecordCheck(fmt, (("missing-field", f"no {field!r} field{hint}"),))
    messages = record[field]
    if not isinstance(messages, list):
        return None, RecordCheck(
            fmt, (("wrong-type", f"{field!r} must be a list, got {_json_type(messages)}"),)
        )
    return messages, None


def _check_chat(record: dict, fmt: str) -> RecordCheck:
    """Problems and texts of one chat-like record (OpenAI, RFT, Bedrock, Mistral, TRL)."""
    layout = _CHAT_LAYOUTS[fmt]
    messages, problem = _messages(record, fmt)
    if problem is not None:
        return problem
    problems: list[tuple[str, str]] = []
    texts: list[tuple[str, str]] = []
    extra: list[str] = []
    if fmt == "bedrock-claude":
        unknown = sorted(set(record) - {"system", "messages"})
        if unknown:
            problems.append(
                ("unknown-key", f"record key {shown(unknown[0])}: only 'system' and 'messages'")
            )
        if "system" in record:
            if not isinstance(record["system"], str):
                problems.append(("wrong-type", "'system' must be a string"))
            elif record["system"].strip():
                texts.append(("system", record["system"]))
    roles_seen = _chat_messages(messages, layout, problems, texts, extra)
    if not any(k in ("unknown-role", "missing-role") for k, _ in problems):
        problems += _order_problems(roles_seen, layout)
    if "tools" in record:
        extra.append(json.dumps(record["tools"], ensure_ascii=False))
    if problems:
        return RecordCheck(fmt, tuple(problems))
    user_text = "\n".join(text for role, text in texts if role == "user")
    return RecordCheck(fmt, (), tuple(texts), "\n".join(extra), user_text, layout.overhead)


def _chat_messages(
    messages: list,
    layout: _Chat,
    problems: list[tuple[str, str]],
    texts: list[tuple[str, str]],
    extra: list[str],
) -> list[str]:
    """Check each message in place; return the roles in order."""
    roles_seen: list[str] = []
    for i, message in enumerate(messages, start=1):
        where = f"message {i}"
        if not isinstance(message, dict):
            problems.append(("wrong-type", f"{where} must be an object, got {_json_type(message)}"))
            continue
        role = message.get("role")
        if role is None:
            problems.append(("missing-role", f"{where} has no 'role'"))
            continue
        if not isinstance(role, str) or role not in layout.roles:
            problems.append(
                (
                    "unknown-role",
                    f"{where} has role {shown(role, 30)};"
                    f" expected one of {', '.join(layout.roles)}",
                )
            )
            continue
        roles_seen.append(role)
        if layout.message_keys is not None:
            unknown = sorted(set(map(str, message)) - layout.message_keys)
            if unknown:
                problems.append(
                    (
                        "unknown-key",
                        f"{where} ({role}) has key {shown(unknown[0], 30)}; this layout allows "
                        + ", ".join(sorted(layout.message_keys)),
                    )
                )
                continue
        calls = [message[k] for k in ("tool_calls", "function_call") if message.get(k) is not None]
        if calls:
            extra.append(json.dumps(calls, ensure_ascii=False))
        text, problem = _content_text(
            message.get("content"), may_be_absent=role == "assistant" and bool(calls)
        )
        if problem:
            problems.append((problem[0], f"{where} ({role}): {problem[1]}"))
            continue
        if layout.weights and "weight" in message and message["weight"] not in (0, 1):
            problems.append(
                (
                    "wrong-type",
                    f"{where} ({role}): 'weight' must be 0 or 1, got {shown(message['weight'])}",
                )
            )
            continue
        texts.append((role, text))
    return roles_seen


def _order_problems(roles: list[str], layout: _Chat) -> list[tuple[str, str]]:
    """Missing user or reply, and order rules (first, last, alternation)."""
    out: list[tuple[str, str]] = []
    if layout.needs_reply and "assistant" not in roles:
        out.append(
            ("no-assistant", "no message with role 'assistant', so there is nothing to learn")
        )
    if layout.needs_user and "user" not in roles:
        out.append(("no-user", "no message with role 'user': the example answers nothing"))
    if not roles or out:
        return out
    turns = [r for r in roles if r in ("user", "assistant")]
    if layout.first and roles[0] != layout.first:
        out.append(("bad-order", f"the first message must be {layout.first}, not {roles[0]}"))
    elif layout.last and roles[-1] != layout.last:
        out.append(("bad-order", f"the last message must be {layout.last}, not {roles[-1]}"))
    elif layout.alternate and any(a == b for a, b in zip(turns, turns[1:], strict=False)):
        out.append(("bad-order", "user and assistant messages must alternate"))
    return out


def _check_dpo(record: dict) -> RecordCheck:
    """OpenAI preference records: input.messages, then one preferred and one non-preferred reply."""
    fmt = "openai-dpo"
    if not isinstance(record.get("input"), dict):
        got = "absent" if "input" not in record else _json_type(record["input"])
        return RecordCheck(fmt, (("missing-field", f"'input' must be an object, got {got}"),))
    messages, problem = _messages(record["input"], fmt)
    if problem is not None:
        return problem
    layout = _Chat(CHAT_ROLES, _OPENAI_MESSAGE_KEYS, needs_reply=False, overhead=True)
    problems: list[tuple[str, str]] = []
    texts: list[tuple[str, str]] = []
    extra: list[str] = []
    roles = _chat_messages(messages, layout, problems, texts, extra)
    if "user" not in roles and not problems:
        problems.append(("no-user", "'input' has no message with role 'user'"))
    for field, name in (
        ("preferred_output", "preferred"),
        ("non_preferred_output", "non-preferred"),
    ):
        output = record.get(field)
        if output is None:
            problems.append(("missing-field", f"no {field!r} field"))
            continue
        if not isinstance(output, list) or len(output) != 1 or not isinstance(output[0], dict):
            problems.append(("wrong-type", f"{field!r} must be a list of one assistant message"))
            continue
        if output[0].get("role") != "assistant":
            problems.append(("unknown-role", f"{field!r} must hold an 'assistant' message"))
            continue
        text, bad = _content_text(output[0].get("content"), may_be_absent=False)
        if bad:
            problems.append((bad[0], f"{field!r}: {bad[1]}"))
        else:
            texts.append((name, text))
    if "tools" in record["input"]:
        extra.append(json.dumps(record["input"]["tools"], ensure_ascii=False))
    if problems:
        return RecordCheck(fmt, tuple(problems))
    user_text = "\n".join(text for role, text in texts if role == "user")
    return RecordCheck(fmt, (), tuple(texts), "\n".join(extra), user_text, True)


def _check_gemini(record: dict) -> RecordCheck:
    """Vertex AI Gemini records: contents of user/model turns made of parts."""
    fmt = "vertex-gemini"
    contents, problem = _messages(record, fmt, "contents")
    if problem is not None:
        return problem
    problems: list[tuple[str, str]] = []
    texts: list[tuple[str, str]] = []
    extra: list[str] = []
    roles: list[str] = []
    system = record.get("systemInstruction")
    if system is not None:
        text, bad = _gemini_parts(system, "systemInstruction", extra)
        if bad:
            problems.append(bad)
        elif text:
            texts.append(("system", text))
    for i, turn in enumerate(contents, start=1):
        where = f"contents[{i}]"
        if not isinstance(turn, dict):
            problems.append(("wrong-type", f"{where} must be an object, got {_json_type(turn)}"))
            continue
        role = turn.get("role")
        if role not in ("user", "model"):
            kind = "missing-role" if role is None else "unknown-role"
            problems.append((kind, f"{where} has role {shown(role, 30)}; expected user or model"))
            continue
        unknown = sorted(set(map(str, turn)) - {"role", "parts"})
        if unknown:
            problems.append(("unknown-key", f"{where} ({role}) has key {shown(unknown[0], 30)}"))
            continue
        text, bad = _gemini_parts(turn, where, extra)
        if bad:
            problems.append(bad)
            continue
        roles.append(role)
        texts.append(("user" if role == "user" else "model", text))
    if not problems:
        if "model" not in roles:
            problems.append(("no-assistant", "no turn with role 'model', so nothing to learn"))
        elif "user" not in roles:
            problems.append(("no-user", "no turn with role 'user'"))
        elif roles[-1] != "model":
            problems.append(("bad-order", "the last turn must be the model's"))
    if problems:
        return RecordCheck(fmt, tuple(problems))
    user_text = "\n".join(text for role, text in texts if role == "user")
    return RecordCheck(fmt, (), tuple(texts), "\n".join(extra), user_text)


def _gemini_parts(turn: dict, where: str, extra: list[str]) -> tuple[str, tuple[str, str] | None]:
    """The text of a Gemini turn's parts (non-text parts cost tokens as extra text)."""
    parts = turn.get("parts")
    if not isinstance(parts, list) or not parts:
        return "", ("missing-field", f"{where} needs a non-empty 'parts' list")
    pieces = []
    for part in parts:
        if not isinstance(part, dict) or not part:
            return "", (
                "wrong-type",
                f"{where}: each part must be an object such as {{'text': ...}}",
            )
        if "text" in part:
            if not isinstance(part["text"], str):
                return "", ("non-string-content", f"{where}: a part's 'text' must be a string")
            pieces.append(part["text"])
        else:
            extra.append(json.dumps(part, ensure_ascii=False))
    text = "".join(pieces)
    if pieces and not text.strip():
        return "", ("empty-content", f"{where}: the text parts are empty")
    return text, None


def _check_prompt_completion(record: dict) -> RecordCheck:
    """Prompt-completion records: strings (standard) or message lists (TRL conversational)."""
    fmt = "prompt-completion"
    problems: list[tuple[str, str]] = []
    texts: list[tuple[str, str]] = []
    for field in ("prompt", "completion"):
        if field not in record:
            hint = " (this line looks like the chat layout)" if "messages" in record else ""
            problems.append(("missing-field", f"no '{field}' field{hint}"))
            continue
        value = record[field]
        if isinstance(value, list):  # TRL's conversational prompt-completion
            layout = _Chat(CHAT_ROLES, None, needs_user=False, needs_reply=False)
            inner: list[tuple[str, str]] = []
            _chat_messages(value, layout, problems, inner, [])
            if not value:
                problems.append(("empty-content", f"'{field}' is an empty list"))
            texts.append((field, "\n".join(text for _, text in inner)))
            continue
        text, problem = _content_text(value, may_be_absent=False, allow_parts=False)
        if problem:
            problems.append((problem[0], f"'{field}': {problem[1]}"))
        else:
            texts.append((field, text))
    if problems:
        return RecordCheck(fmt, tuple(problems))
    return RecordCheck(fmt, (), tuple(texts), "", texts[0][1])


def _content_text(
    content: Any, *, may_be_absent: bool, allow_parts: bool = True
) -> tuple[str, tuple[str, str] | None]:
    """The text of a content field, or the problem with it."""
    if content is None:
        if may_be_absent:
            return "", None
        return "", ("non-string-content", "content is missing or null")
    if isinstance(content, list) and allow_parts:  # content parts: [{"type": "text", ...}]
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
